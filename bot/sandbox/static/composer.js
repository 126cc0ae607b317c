// The message box: slash commands with their usage hints (a combobox), and replies in a thread.

import { el } from "./blockkit.js";
import { $, api, HOME, hooks, ui } from "./shared.js";

export function setUpComposer() {
  const box = $("message-box");
  const list = $("command-list");
  let active = -1;
  const matches = () => {
    const typed = box.value.split(" ")[0];
    if (!box.value.startsWith("/") || box.value.includes(" ")) return [];
    return (ui.data?.commands || []).filter((c) => c.command.startsWith(typed));
  };
  const show = () => {
    const found = matches();
    list.hidden = !found.length;
    box.setAttribute("aria-expanded", String(found.length > 0));
    active = Math.min(active, found.length - 1);
    list.replaceChildren(...found.map((c, i) => el("li", {
      id: `command-${i}`, role: "option", "aria-selected": String(i === active), class: "command-option",
      onmousedown: (event) => { event.preventDefault(); choose(c); },
    }, el("strong", { text: c.command }), " ", el("span", { class: "usage", text: c.hint }),
    el("span", { class: "description", text: c.description }))));
    if (active >= 0) box.setAttribute("aria-activedescendant", `command-${active}`);
    else box.removeAttribute("aria-activedescendant");
  };
  const choose = (command) => {
    box.value = `${command.command} `;
    active = -1;
    show();
    box.focus();
  };
  box.addEventListener("input", show);
  box.addEventListener("blur", () => { list.hidden = true; box.setAttribute("aria-expanded", "false"); });
  box.addEventListener("keydown", (event) => {
    const found = matches();
    if (!found.length) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : found.length - 1)) % found.length;
      show();
    } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
      event.preventDefault();
      choose(found[active]);
    } else if (event.key === "Escape") {
      list.hidden = true;
    }
  });
  $("composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = box.value;
    if (!text.trim()) return;
    const channel = ui.place === HOME ? ui.data.dm : ui.data.channel;
    const answer = await api("/api/send", { channel, text });
    if (answer.ok) box.value = "";
    show();
  });
  $("thread-composer").addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = $("thread-box").value;
    const answer = await api("/api/send", { channel: ui.data.channel, text, thread: ui.thread });
    if (answer.ok) $("thread-box").value = "";
  });
  $("thread-close").addEventListener("click", () => { ui.thread = null; hooks.refresh(); });
}

