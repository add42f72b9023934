// Collab page script. The live socket client (static/js/realtime.js) plugs in here; pages work without it.
const status = document.querySelector("[data-live-status]");
export function setLiveStatus(state, text) {
  if (!status) return;
  status.hidden = state === "online";
  status.dataset.state = state;
  status.textContent = text;
}
