// Thread page: live replies, edits and reactions; reply in place; collapse sub-trees.
import { live } from "./realtime.js";

const posts = document.querySelector("#posts");
if (posts) {
  const threadId = posts.dataset.thread;
  const page = Number(posts.dataset.page);
  const lastPage = Number(posts.dataset.lastPage);
  const fragmentUrl = (id) => `/posts/${id}/fragment/`;

  async function fetchPost(id) {
    const response = await fetch(fragmentUrl(id), { headers: { "HX-Request": "true" } });
    if (!response.ok) return null;
    const template = document.createElement("template");
    template.innerHTML = (await response.text()).trim();
    const element = template.content.firstElementChild;
    if (window.htmx) window.htmx.process(element);
    return element;
  }

  function lastOfSubtree(element) {
    // Posts are listed depth-first: a sub-tree is the run of posts whose path starts with the root's.
    const prefix = element.dataset.path;
    let last = element;
    let next = element.nextElementSibling;
    while (next) {
      if (next.matches("article.post")) {
        if (!next.dataset.path.startsWith(prefix)) break;
        last = next;
      }
      next = next.nextElementSibling;
    }
    return last;
  }

  async function onReply({ data }) {
    if (document.getElementById(`post-${data.id}`)) return;
    const parent = document.getElementById(`post-${data.parent_id}`);
    const isTopLevel = data.depth === 1;
    if (!parent || (isTopLevel && page !== lastPage)) {
      const notice = document.querySelector("[data-new-replies]");
      if (notice) notice.hidden = false;
      return;
    }
    const element = await fetchPost(data.id);
    if (!element || document.getElementById(`post-${data.id}`)) return;
    lastOfSubtree(parent).after(element);
    element.classList.add("flash");
    setTimeout(() => element.classList.remove("flash"), 2000);
    wireToggles(document); // the parent may have just got its first child
  }

  async function refreshPost(id) {
    const current = document.getElementById(`post-${id}`);
    if (!current) return;
    const element = await fetchPost(id);
    if (element) {
      current.replaceWith(element);
      wireToggles(element);
    }
  }

  async function refreshHeader() {
    const header = document.getElementById("thread-header");
    const response = await fetch(`/threads/${threadId}/?fragment=header`);
    if (response.ok && header) header.innerHTML = await response.text();
  }

  const handlers = {
    "reply.posted": onReply,
    "post.edited": ({ data }) => refreshPost(data.id),
    "post.deleted": ({ data }) => refreshPost(data.id),
    "post.restored": ({ data }) => refreshPost(data.id),
    "reaction.changed": ({ data }) => refreshPost(data.post_id),
    "thread.updated": () => refreshHeader(),
  };

  live.subscribe(posts.dataset.threadTopic, {
    after: posts.dataset.liveAfter === undefined ? null : Number(posts.dataset.liveAfter),
    onEvent: (event) => (handlers[event.type] || (() => {}))(event),
    onResync: () => location.reload(),
  });

  // Reply in place: move the one reply form under the post being answered.
  const form = document.getElementById("reply-form");
  const home = form ? form.parentElement : null;
  const homeNext = form ? form.nextElementSibling : null;
  document.addEventListener("click", (event) => {
    const link = event.target.closest(".reply-link");
    if (!link || !form || form.tagName !== "FORM") return;
    event.preventDefault();
    const post = document.getElementById(`post-${link.dataset.replyTo}`);
    form.querySelector("[name=parent_id]").value = link.dataset.replyTo;
    form.querySelector(".reply-heading").textContent = `${form.dataset.replyToLabel || "Reply to"} ${link.dataset.replyName}`;
    form.querySelector(".cancel-reply").hidden = false;
    post.after(form);
    form.style.marginLeft = getComputedStyle(post).marginLeft;
    form.querySelector("textarea").focus();
  });
  form?.querySelector(".cancel-reply")?.addEventListener("click", () => {
    form.querySelector("[name=parent_id]").value = "";
    form.querySelector(".cancel-reply").hidden = true;
    form.style.marginLeft = "";
    home.insertBefore(form, homeNext);
  });

  // Collapse and expand a sub-tree.
  function wireToggles(root) {
    root.querySelectorAll?.("[data-toggle]").forEach((button) => {
      const post = button.closest("article.post");
      const hasChildren = post.nextElementSibling?.dataset?.path?.startsWith(post.dataset.path) ?? false;
      button.hidden = !hasChildren;
    });
  }
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-toggle]");
    if (!button) return;
    const post = button.closest("article.post");
    const collapse = button.getAttribute("aria-expanded") === "true";
    let next = post.nextElementSibling;
    let hidden = 0;
    while (next && next.matches("article.post") && next.dataset.path.startsWith(post.dataset.path)) {
      next.hidden = collapse;
      hidden += 1;
      next = next.nextElementSibling;
    }
    button.setAttribute("aria-expanded", String(!collapse));
    button.textContent = collapse ? `${button.dataset.expandLabel || "Expand"} (${hidden})` : button.dataset.collapseLabel || "Collapse";
  });
  wireToggles(document);

  // A permalink to a post hidden in a collapsed sub-tree still shows it.
  if (location.hash.startsWith("#post-")) document.querySelector(location.hash)?.scrollIntoView({ block: "center" });
}
