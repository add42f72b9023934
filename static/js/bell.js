// The bell in the navigation: the number of unread notifications, kept live from the person's own
// `user.<id>` topic (`notification.created` and `notification.read` carry the new count). The page
// renders the bell without a count (no query on every page); this fetches it once, then follows.
import { live } from "./realtime.js";

const bell = document.querySelector("[data-bell]");
if (bell) {
  const badge = bell.querySelector("[data-bell-count]");
  const label = bell.dataset.label || "Notifications";
  const unreadLabel = bell.dataset.unreadLabel || "Notifications: {count} unread";
  let liveSeen = false; // a live count is newer than a fetch that started before it

  const show = (count) => {
    badge.textContent = count > 99 ? "99+" : String(count);
    badge.hidden = count === 0;
    bell.dataset.count = String(count);
    bell.setAttribute("aria-label", count ? unreadLabel.replace("{count}", count) : label);
  };

  const refresh = async () => {
    liveSeen = false;
    try {
      const response = await fetch(bell.dataset.countUrl, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.ok && !liveSeen) show((await response.json()).unread);
    } catch {
      // offline: the next event or reconnect brings the count
    }
  };

  live.subscribe(bell.dataset.userTopic, {
    onEvent(event) {
      if (event.type === "notification.created" || event.type === "notification.read") {
        liveSeen = true;
        show(event.data.unread);
      }
    },
    onResync: refresh,
  });
  refresh();
}
