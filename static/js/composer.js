// @mention autocomplete for every textarea marked data-composer: type @ and a few letters.
const MIN_CHARS = 1;
const MAX_SUGGESTIONS = 6;

function mentionAt(textarea) {
  const upto = textarea.value.slice(0, textarea.selectionStart);
  const match = /(^|[^\w@])@([\w.+-]{1,30})$/.exec(upto);
  return match ? { query: match[2], start: upto.length - match[2].length - 1 } : null;
}

function attach(textarea) {
  if (textarea.dataset.composerWired) return;
  textarea.dataset.composerWired = "1";
  const wrap = document.createElement("div");
  wrap.className = "composer-wrap";
  textarea.parentNode.insertBefore(wrap, textarea);
  wrap.appendChild(textarea);
  const list = document.createElement("ul");
  list.className = "composer-suggestions";
  list.setAttribute("role", "listbox");
  list.id = `${textarea.id || "composer"}-mentions`;
  list.hidden = true;
  wrap.appendChild(list);
  textarea.setAttribute("aria-autocomplete", "list");
  textarea.setAttribute("aria-controls", list.id);
  let items = [];
  let active = -1;
  let mention = null;
  let requestId = 0;

  function close() {
    list.hidden = true;
    items = [];
    active = -1;
    textarea.removeAttribute("aria-activedescendant");
  }

  function choose(index) {
    const person = items[index];
    if (!person || !mention) return;
    const before = textarea.value.slice(0, mention.start);
    const after = textarea.value.slice(textarea.selectionStart);
    const insert = `@${person.username} `;
    textarea.value = before + insert + after;
    const caret = before.length + insert.length;
    textarea.setSelectionRange(caret, caret);
    close();
    textarea.focus();
  }

  function render() {
    list.replaceChildren(
      ...items.map((person, index) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${index}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", String(index === active));
        li.textContent = `${person.display_name} (@${person.username})`;
        li.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(index);
        });
        return li;
      }),
    );
    list.hidden = items.length === 0;
    if (active >= 0) textarea.setAttribute("aria-activedescendant", `${list.id}-${active}`);
    else textarea.removeAttribute("aria-activedescendant");
  }

  textarea.addEventListener("input", async () => {
    mention = mentionAt(textarea);
    if (!mention || mention.query.length < MIN_CHARS) return close();
    // Until the answer for what is typed now arrives, narrow the suggestions shown for a shorter
    // prefix, so that Enter never picks someone who no longer matches ("@o" listed Erin Employee).
    const typed = mention.query.toLowerCase();
    items = items.filter((p) => p.username.toLowerCase().includes(typed) || p.display_name.toLowerCase().includes(typed));
    active = items.length ? 0 : -1;
    render();
    const id = ++requestId;
    const response = await fetch(`/api/v1/people/?q=${encodeURIComponent(mention.query)}&page_size=${MAX_SUGGESTIONS}`, {
      headers: { Accept: "application/json" },
    });
    if (!response.ok || id !== requestId) return;
    items = (await response.json()).results || [];
    active = items.length ? 0 : -1;
    render();
  });
  textarea.addEventListener("keydown", (event) => {
    if (list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
      render();
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      choose(active);
    } else if (event.key === "Escape") {
      close();
    }
  });
  textarea.addEventListener("blur", () => setTimeout(close, 150));
}

function attachAll(root = document) {
  root.querySelectorAll("textarea[data-composer]").forEach(attach);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => attachAll());
else attachAll();
document.addEventListener("htmx:load", (event) => attachAll(event.target));
