// Collab live connection: one WebSocket per tab, multiplexing topics, with replay after reconnect.
//
//   import { live } from "/static/js/realtime.js";
//   const stop = live.subscribe("thread.42", {
//     after: 17, onEvent(event) {...}, onResync(lastId) {...}, onAccessLost(reason) {...},
//   });
//
// The server numbers events per topic. We remember the last id seen per topic and, after any
// reconnect, subscribe again with `after`, so the server replays exactly what we missed (or tells
// us to `resync` when that is too old: reload that part of the page). No dependency but the browser.
// When the person may no longer follow a topic (its audience changed), the server unsubscribes it
// and we stop tracking it: `onAccessLost` says so, once; nothing else happens by default.

const PING_EVERY_MS = 25_000;
const PONG_TIMEOUT_MS = 10_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
const CLOSE_SIGNED_OUT = 4401;

export class LiveConnection extends EventTarget {
  constructor(url) {
    super();
    this.url = url;
    this.topics = new Map(); // topic -> {lastId, handlers: Set}
    this.socket = null;
    this.attempt = 0;
    this.state = "idle";
    this.stopped = false;
    this.pingTimer = null;
    this.pongTimer = null;
    this.retryTimer = null;
    window.addEventListener("online", () => this.reconnectNow());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") this.reconnectNow();
    });
  }

  subscribe(topic, { after = null, onEvent = () => {}, onResync = () => {}, onAccessLost = () => {} } = {}) {
    let entry = this.topics.get(topic);
    const handler = { onEvent, onResync, onAccessLost };
    if (!entry) {
      entry = { lastId: after, handlers: new Set() };
      this.topics.set(topic, entry);
      entry.handlers.add(handler);
      this.connect();
      if (this.isOpen()) this.sendSubscribe(topic, entry);
    } else {
      entry.handlers.add(handler);
    }
    return () => {
      entry.handlers.delete(handler);
      // Only while this entry is the one tracked: after access was lost, the topic may have been
      // subscribed again by someone else, under a new entry.
      if (entry.handlers.size === 0 && this.topics.get(topic) === entry) {
        this.topics.delete(topic);
        if (this.isOpen()) this.send({ type: "unsubscribe", topic });
      }
    };
  }

  isOpen() {
    return this.socket && this.socket.readyState === WebSocket.OPEN;
  }

  connect() {
    if (this.stopped || this.socket || this.topics.size === 0) return;
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    this.setState("connecting");
    const socket = new WebSocket(`${scheme}//${location.host}${this.url}`);
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.setState("online");
      for (const [topic, entry] of this.topics) this.sendSubscribe(topic, entry);
      this.schedulePing();
    });
    socket.addEventListener("message", (message) => this.onMessage(message));
    socket.addEventListener("close", (event) => this.onClose(socket, event));
  }

  reconnectNow() {
    if (this.stopped || this.isOpen()) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (!this.socket) {
      this.attempt = 0;
      this.connect();
    }
  }

  sendSubscribe(topic, entry) {
    const message = { type: "subscribe", topic };
    if (entry.lastId !== null && entry.lastId !== undefined) message.after = entry.lastId;
    this.send(message);
  }

  send(message) {
    if (this.isOpen()) this.socket.send(JSON.stringify(message));
  }

  onMessage(message) {
    let data;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    if ("id" in data) {
      const entry = this.topics.get(data.topic);
      if (!entry || (entry.lastId !== null && data.id <= entry.lastId)) return; // duplicate
      entry.lastId = data.id;
      for (const handler of entry.handlers) handler.onEvent(data);
      this.dispatchEvent(new CustomEvent("event", { detail: data }));
      return;
    }
    switch (data.type) {
      case "pong":
        clearTimeout(this.pongTimer);
        break;
      case "subscribed": {
        const entry = this.topics.get(data.topic);
        if (entry) entry.lastId = data.last_id;
        this.attempt = 0;
        break;
      }
      case "resync": {
        const entry = this.topics.get(data.topic);
        if (!entry) break;
        entry.lastId = data.last_id;
        for (const handler of entry.handlers) handler.onResync(data.last_id);
        break;
      }
      case "unsubscribed": {
        // The server stopped this topic for us: stop tracking it, so that a reconnect does not ask
        // for it again. `access_changed`: the person may no longer follow it.
        const entry = this.topics.get(data.topic);
        if (!entry) break;
        this.topics.delete(data.topic);
        const handlers = [...entry.handlers];
        entry.handlers.clear();
        if (data.reason === "access_changed") {
          for (const handler of handlers) handler.onAccessLost(data.reason);
        }
        break;
      }
      case "error":
        console.warn("live:", data.code, data.message, data.topic || "");
        this.dispatchEvent(new CustomEvent("error", { detail: data }));
        break;
      case "closed":
        if (data.reason) this.closeReason = data.reason;
        break;
    }
  }

  onClose(socket, event) {
    if (this.socket !== socket) return;
    this.socket = null;
    clearTimeout(this.pingTimer);
    clearTimeout(this.pongTimer);
    if (event.code === CLOSE_SIGNED_OUT) {
      this.stopped = true;
      this.setState("signed-out");
      return;
    }
    if (this.topics.size === 0) {
      this.setState("idle");
      return;
    }
    // Full jitter: tabs that lost the server together do not come back together.
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** this.attempt);
    const delay = Math.round(Math.random() * ceiling);
    this.attempt += 1;
    this.setState("offline", delay);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  schedulePing() {
    clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => {
      if (!this.isOpen()) return;
      this.send({ type: "ping" });
      // No pong in time: the connection is dead even if the browser has not noticed (sleep, Wi-Fi).
      this.pongTimer = setTimeout(() => this.socket && this.socket.close(), PONG_TIMEOUT_MS);
      this.schedulePing();
    }, PING_EVERY_MS);
  }

  setState(state, retryInMs = 0) {
    this.state = state;
    this.dispatchEvent(new CustomEvent("state", { detail: { state, retryInMs } }));
  }
}

export const live = new LiveConnection("/ws/");

// --- Page wiring -------------------------------------------------------------------------------
// <section data-live-topic="person.12" data-live-after="40" data-live-refresh="/people/12/?fragment=card">
// Any event on the topic (or a resync) reloads the region from `data-live-refresh` with htmx.

const statusElement = document.querySelector("[data-live-status]");
const STATUS_TEXT = {
  connecting: () => document.documentElement.dataset.liveConnecting || "Connecting…",
  online: () => "",
  offline: () => document.documentElement.dataset.liveOffline || "Connection lost: reconnecting…",
  "signed-out": () => document.documentElement.dataset.liveSignedOut || "Signed out: live updates stopped.",
};

let wasOffline = false;
let backTimer = null;
live.addEventListener("state", ({ detail }) => {
  document.documentElement.dataset.live = detail.state;
  if (!statusElement) return;
  let text = (STATUS_TEXT[detail.state] || (() => ""))();
  let shown = detail.state;
  if (detail.state === "offline") wasOffline = true;
  if (detail.state === "online" && wasOffline) {
    // Say once that we are back, then get out of the way.
    wasOffline = false;
    shown = "back";
    text = document.documentElement.dataset.liveBack || "Live updates are back.";
    clearTimeout(backTimer);
    backTimer = setTimeout(() => {
      if (live.state === "online") statusElement.hidden = true;
    }, 4000);
  }
  statusElement.hidden = !text;
  statusElement.dataset.state = shown;
  statusElement.textContent = text;
});

function refresh(region) {
  const url = region.dataset.liveRefresh;
  if (!url || !window.htmx) return;
  window.htmx.ajax("GET", url, { target: region, swap: "innerHTML" }).then(() => {
    region.dispatchEvent(new CustomEvent("live:refreshed", { bubbles: true }));
  });
}

function wire(region) {
  if (region.dataset.liveWired) return;
  region.dataset.liveWired = "1";
  const after = region.dataset.liveAfter === undefined ? null : Number(region.dataset.liveAfter);
  live.subscribe(region.dataset.liveTopic, {
    after,
    onEvent: () => refresh(region),
    onResync: () => refresh(region),
  });
}

function wireAll(root = document) {
  root.querySelectorAll("[data-live-topic]").forEach(wire);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => wireAll());
} else {
  wireAll();
}
document.addEventListener("htmx:load", (event) => wireAll(event.target));
