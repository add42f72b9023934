// Small live notices for the signed-in person (their `user.<id>` topic): "X mentioned you in Y".
// The notifications feature (bell, preferences, e-mail) builds on the same events.
import { live } from "./realtime.js";

const root = document.querySelector("[data-user-topic]");
const region = document.querySelector("[data-toasts]");
if (root && region) {
  const templates = {
    "mention.created": (data) => ({
      text: (root.dataset.mentionText || "{author} mentioned you in {thread}")
        .replace("{author}", data.author.display_name)
        .replace("{thread}", data.thread_title),
      href: `/threads/${data.thread_id}/posts/${data.post_id}/`,
    }),
  };
  live.subscribe(root.dataset.userTopic, {
    onEvent(event) {
      const make = templates[event.type];
      if (!make) return;
      const { text, href } = make(event.data);
      const toast = document.createElement("p");
      toast.className = "toast";
      const link = document.createElement("a");
      link.href = href;
      link.textContent = text;
      toast.append(link);
      region.append(toast);
      setTimeout(() => toast.remove(), 15_000);
    },
  });
}
