// Small live notices for the signed-in person (their `user.<id>` topic): "X mentioned you in Y",
// "an idea you follow is now planned".
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
    // Ideas you follow, voted for or were invited to (`kind` says what happened).
    "idea.notice": (data) => {
      const texts = {
        status_changed: [root.dataset.ideaStatusText, "“{title}” is now {status}"],
        changed_after_vote: [root.dataset.ideaChangedText, "“{title}”, which you voted for, changed"],
        merged: [root.dataset.ideaMergedText, "An idea you follow was merged into “{title}”"],
        coauthor_invited: [root.dataset.ideaCoauthorText, "You are invited to co-author “{title}”"],
      };
      const [text, fallback] = texts[data.kind] || [null, "“{title}”"];
      return {
        text: (text || fallback).replace("{title}", data.title).replace("{status}", data.status_label),
        href: data.url,
      };
    },
    // Project teams: an invitation to a seat, a manager took you off a team, the project closed.
    "team.notice": (data) => {
      const texts = {
        invited: [root.dataset.teamInvitedText, "You are invited to join “{title}” as {role}"],
        removed: [root.dataset.teamRemovedText, "You are no longer on the “{title}” team"],
        project_closed: [root.dataset.teamClosedText, "The project “{title}” was closed"],
      };
      const [text, fallback] = texts[data.kind] || [null, "“{title}”"];
      return { text: (text || fallback).replace("{title}", data.title).replace("{role}", data.role), href: data.url };
    },
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
