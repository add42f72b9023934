// Idea boards: live counts, statuses and new ideas on a board page (`board.<id>`), and on an idea
// page (`idea.<id>`); the idea's discussion posts its replies in place (threads.js shows them).
// Everything here is an enhancement: the pages read and work without it.
import { live } from "./realtime.js";

const COUNT_FIELDS = { up: "upvotes", down: "downvotes", net: "net_votes", customer: "customer_votes" };

function afterOf(element) {
  return element.dataset.liveAfter === undefined ? null : Number(element.dataset.liveAfter);
}

// Every vote widget of the idea on the page (a board row, the idea's header, a similar-ideas hint).
function updateCounts(data) {
  document.querySelectorAll(`[data-votes-for="${data.idea_id}"]`).forEach((widget) => {
    widget.querySelectorAll("[data-count]").forEach((element) => {
      const field = COUNT_FIELDS[element.dataset.count];
      if (field && data[field] !== undefined && element.textContent !== String(data[field])) {
        element.textContent = String(data[field]);
        element.classList.remove("bump");
        void element.offsetWidth; // restart the animation
        element.classList.add("bump");
      }
    });
    const customers = widget.querySelector("[data-customer-votes]");
    if (customers) customers.hidden = !data.customer_votes;
  });
}

function updateStatus(data) {
  document.querySelectorAll(`[data-status-for="${data.idea_id}"]`).forEach((badge) => {
    badge.className = `idea-status status-${data.status}`;
    badge.textContent = data.status_label;
  });
}

function updateTitle(data) {
  document.querySelectorAll(`[data-idea-title="${data.idea_id}"]`).forEach((element) => {
    element.textContent = data.title;
  });
}

function removeRow(ideaId) {
  const row = document.getElementById(`idea-${ideaId}`);
  if (!row) return;
  row.classList.add("leaving");
  setTimeout(() => row.remove(), 300);
}

// --- A board page ------------------------------------------------------------------------------
const board = document.querySelector("[data-board-topic]");
if (board) {
  const newIdeas = document.querySelector("[data-new-ideas]");
  const handlers = {
    "vote.changed": ({ data }) => updateCounts(data),
    "idea.status_changed": ({ data }) => updateStatus(data),
    "idea.updated": ({ data }) => updateTitle(data),
    "idea.merged": ({ data }) => removeRow(data.idea_id),
    "idea.hidden": ({ data }) => removeRow(data.idea_id),
    "idea.posted": ({ data }) => {
      if (!document.getElementById(`idea-${data.idea_id}`) && newIdeas) newIdeas.hidden = false;
    },
  };
  live.subscribe(board.dataset.boardTopic, {
    after: afterOf(board),
    onEvent: (event) => (handlers[event.type] || (() => {}))(event),
    onResync: () => {
      if (newIdeas) newIdeas.hidden = false; // too much was missed: offer a reload
    },
  });
}

// --- An idea page ------------------------------------------------------------------------------
const idea = document.querySelector("[data-idea-topic]");
if (idea) {
  let leaving = false;
  window.addEventListener("beforeunload", () => {
    leaving = true;
  });
  const changed = document.querySelector("[data-idea-changed]");
  const showChanged = () => {
    if (changed) changed.hidden = false;
  };
  const handlers = {
    "vote.changed": ({ data }) => updateCounts(data),
    "idea.status_changed": ({ data }) => {
      updateStatus(data);
      showChanged(); // the official response may have changed too
    },
    "idea.updated": ({ data }) => {
      updateTitle(data);
      showChanged();
    },
    "idea.merged": ({ data }) => {
      // Not while this page is already leaving (the manager's own merge form redirects by itself).
      if (String(data.idea_id) === idea.dataset.idea && !leaving) location.assign(data.into_url);
    },
    "idea.hidden": () => showChanged(),
    "idea.restored": () => showChanged(),
  };
  live.subscribe(idea.dataset.ideaTopic, {
    after: afterOf(idea),
    onEvent: (event) => (handlers[event.type] || (() => {}))(event),
    onResync: showChanged,
  });

  // The first comment, live or not, replaces the "no comments yet" line.
  const posts = document.querySelector("#discussion #posts");
  if (posts) {
    new MutationObserver(() => {
      if (posts.querySelector("article.post:not(.post-root)")) document.querySelector("[data-no-comments]")?.remove();
    }).observe(posts, { childList: true });
  }

  // Reply without leaving the page: the reply arrives through the thread's live topic like anyone
  // else's. Anything but success (errors, no socket) falls back to the plain form post.
  const form = document.querySelector("#discussion #reply-form");
  if (form && form.tagName === "FORM") {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      let response = null;
      try {
        response = await fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { "HX-Request": "true" },
          credentials: "same-origin",
        });
      } catch {
        response = null;
      }
      if (button) button.disabled = false;
      if (!response || response.status !== 204) {
        form.submit(); // the server shows the errors on the thread page
        return;
      }
      form.reset();
      form.querySelector("[name=parent_id]").value = "";
      const preview = form.querySelector(".preview");
      if (preview) preview.innerHTML = "";
      const cancel = form.querySelector(".cancel-reply");
      if (cancel && !cancel.hidden) cancel.click();
    });
  }
}
