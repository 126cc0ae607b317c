// The sandbox page: one pretend person at a time, their conversations, Home tab and modals, and the clock.
// It asks the sandbox for the state every second and redraws only the parts that changed.

import { el, renderBlocks, valueOf } from "./blockkit.js";
import { context, formatDate, mrkdwn } from "./mrkdwn.js";

const POLL_MS = 1000;
const HOME = "home";
const DM = "dm";  // whoever is being played, their DM with the bot
const ui = {
  me: sessionStorage.getItem("sandbox-me") || "",
  place: sessionStorage.getItem("sandbox-place") || "",
  thread: null,
  data: null,
  drawn: {},
  errors: {},
};
const $ = (id) => document.getElementById(id);

async function api(path, body) {
  const response = await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user: ui.me, ...body }),
  });
  const answer = await response.json().catch(() => ({ ok: false, error: "The sandbox did not answer." }));
  if (!answer.ok) say(answer.error || "That did not work.", true);
  setTimeout(refresh, 150);
  return answer;
}

function say(text, problem = false) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("problem", problem);
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { status.textContent = ""; }, 8000);
}

// Redraw `part` only when its data changed, keeping keyboard focus on the same control.
function draw(part, data, paint) {
  const json = JSON.stringify(data);
  if (ui.drawn[part] === json) return;
  ui.drawn[part] = json;
  const focusKey = document.activeElement?.dataset?.key;
  paint(data);
  if (focusKey) document.querySelector(`[data-key="${CSS.escape(focusKey)}"]`)?.focus();
}

function nameOf(userId) {
  const person = context.people.get(userId);
  return person ? person.display : userId;
}

function timeOf(ts) {
  return formatDate(Math.floor(Number(ts)), "{time}");
}

function messageNode(message, inThread) {
  const surface = {
    key: `${message.channel}:${message.ts}`,
    act: (element, blockId, selected) => api("/api/action", {
      channel: message.channel, ts: message.ts, ephemeral: message.ephemeral,
      action_id: element.action_id, block_id: blockId, selected,
    }),
  };
  const author = message.from_bot ? "Standards Bot" : nameOf(message.user);
  const head = el("div", { class: "message-head" },
    el("span", { class: "author", text: author }),
    message.from_bot ? el("span", { class: "app-badge", text: "APP" }) : null,
    el("span", { class: "when", text: timeOf(message.ts) }),
    message.edited ? el("span", { class: "edited", text: "(edited)" }) : null,
    message.ephemeral ? el("span", { class: "only-you", text: "Only visible to you" }) : null);
  const body = message.blocks?.length ? renderBlocks(surface, message.blocks) : mrkdwn(message.text);
  const files = (message.files || []).map((file) => el("div", {}, el("a", {
    class: "file", href: `/files/${encodeURIComponent(file.id)}`, download: file.name,
  }, `File: ${file.title || file.name}`, file.title && file.title !== file.name ? ` (${file.name})` : "",
  el("span", { class: "visually-hidden", text: " (download)" }))));
  const node = el("article", {
    class: `message${message.ephemeral ? " ephemeral" : ""}`, "aria-label": `${author} at ${timeOf(message.ts)}`,
  }, el("div", { class: "avatar", "aria-hidden": "true", text: author.replace(/^(PC|PS|DI|PCSO) /, "")[0] }),
  el("div", { class: "message-main" }, head, body, ...files));
  if (!inThread && !message.ephemeral) {
    const label = message.reply_count ? `${message.reply_count} ${message.reply_count === 1 ? "reply" : "replies"}`
      : "Reply in thread";
    node.querySelector(".message-main").append(el("button", {
      type: "button", class: "thread-link", "data-key": `thread:${message.ts}`,
      onclick: () => openThread(message.ts),
    }, label));
  }
  return node;
}

// Keep the node of every message that did not change, so that a screen reader hears only what is new
// in the log, and a control that has the focus keeps it.
const drawnMessages = new WeakMap();

function paintMessages(container, messages, inThread) {
  const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 80;
  const before = drawnMessages.get(container) || new Map();
  const after = new Map();
  const nodes = messages.map((m) => {
    const key = `${m.ephemeral ? "e" : "m"}:${m.ts}`;
    const json = JSON.stringify(m);
    const kept = before.get(key);
    const node = kept && kept.json === json ? kept.node : messageNode(m, inThread);
    after.set(key, { json, node });
    return node;
  });
  drawnMessages.set(container, after);
  if (!messages.length) nodes.push(el("p", { class: "empty", text: "No messages yet." }));
  const wanted = new Set(nodes);
  [...container.children].forEach((node) => { if (!wanted.has(node)) node.remove(); });
  nodes.forEach((node, i) => {
    if (container.children[i] !== node) container.insertBefore(node, container.children[i] || null);
  });
  if (atBottom) container.scrollTop = container.scrollHeight;
}

function paintHome(view) {
  const box = $("messages");
  if (!view) {
    box.replaceChildren(el("p", { class: "empty", text: "Opening the Home tab…" }));
    return;
  }
  const surface = {
    key: `home:${view.id}`,
    act: (element, blockId, selected) => api("/api/action", {
      view_id: view.id, action_id: element.action_id, block_id: blockId, selected,
    }),
  };
  box.replaceChildren(el("div", { class: "home" }, renderBlocks(surface, view.blocks)));
}

function paintPeople(data) {
  $("people").replaceChildren(...data.people.filter((p) => p.role !== "the app")
    .map((p) => el("li", {}, el("button", {
      type: "button", class: "person", "aria-pressed": String(p.id === ui.me), "data-key": `person:${p.id}`,
      onclick: () => switchTo(p.id),
    }, el("span", { class: "person-name", text: p.display }), el("span", { class: "person-role", text: p.role })))));
}

function placeButton(id, label, extra = "") {
  return el("li", {}, el("button", {
    type: "button", class: `place ${extra}`, "aria-current": ui.place === id ? "page" : undefined,
    "data-key": `place:${id}`, onclick: () => go(id),
  }, label));
}

function paintPlaces(data) {
  $("conversations").replaceChildren(
    placeButton(HOME, "Standards Bot: Home", "app"),
    placeButton(DM, "Standards Bot: Messages", "app"),
    ...data.rooms.map((r) => placeButton(r.id, `${r.is_private ? "◆ " : "# "}${r.name}${r.is_private ? " (private)" : ""}`)));
}

function paintClock(data) {
  $("clock-now").textContent = formatDate(Date.parse(data.now) / 1000, "{date_long} {time}");
  $("clock-now").dateTime = data.now;
  const ahead = data.offset_seconds;
  $("clock-ahead").textContent = ahead > 60 ? `(${Math.round(ahead / 3600)} hours ahead of real time)` : "";
  const select = $("clock-target");
  const chosen = select.value;
  select.replaceChildren(...data.upcoming.map((u) => el("option", {
    value: u.due_at, text: `${u.label}: ${formatDate(Date.parse(u.due_at) / 1000, "{date_short} {time}")}`,
  })));
  if (!data.upcoming.length) select.append(el("option", { value: "", text: "nothing is scheduled" }));
  if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
}

function paintModal(views) {
  const root = $("modal-root");
  const view = views[views.length - 1];
  if (!view) {
    const wasOpen = root.childElementCount > 0;
    root.replaceChildren();
    if (wasOpen) $("message-box").focus();
    return;
  }
  const surface = {
    key: `view:${view.id}`, errors: ui.errors[view.id],
    act: (element, blockId, selected) => api("/api/action", { view_id: view.id, action_id: element.action_id,
      block_id: blockId, selected }),
  };
  const titleId = `modal-title-${view.id}`;
  const before = root.querySelector(`form[data-view="${CSS.escape(view.id)}"]`);
  const typed = new Map([...(before?.querySelectorAll("[data-key]") || [])].map((n) => [n.dataset.key, n]));
  const form = el("form", { class: "modal", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId,
    "data-view": view.id },
    el("h2", { id: titleId, text: view.title?.text || "" }),
    el("div", { class: "modal-body" }, renderBlocks(surface, view.blocks)),
    el("div", { class: "modal-buttons" },
      el("button", { type: "button", class: "secondary", onclick: () => closeModal(view) }, view.close?.text || "Cancel"),
      view.submit ? el("button", { type: "submit", class: "primary", text: view.submit.text }) : null));
  form.addEventListener("submit", (event) => { event.preventDefault(); submitModal(view, form); });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closeModal(view);
    if (event.key !== "Tab") return;
    // Keep the keyboard inside the dialog while it is open, as a modal should.
    const stops = [...form.querySelectorAll("input, textarea, select, button, a[href]")].filter((n) => !n.disabled);
    const [first, last] = [stops[0], stops[stops.length - 1]];
    if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
  });
  root.replaceChildren(el("div", { class: "backdrop" }, form));
  restoreTyped(typed);  // what the person typed survives the view being drawn again, as in Slack
  const firstError = form.querySelector("[aria-invalid=true]");
  (firstError || form.querySelector("input, textarea, select, button")).focus();
}

function showErrors(view, form, errors) {
  ui.errors[view.id] = errors;
  paintModal(ui.data.modals);  // the same view again, with the errors under their inputs
  ui.drawn.modal = JSON.stringify(ui.data.modals);
  say("Please correct the marked fields.", true);
}

async function submitModal(view, form) {
  const values = {};
  const missing = {};
  form.querySelectorAll(".bk-input").forEach((block) => {
    const control = block.querySelector("[data-input]");
    if (!control) return;
    const value = valueOf(control);
    values[`${block.dataset.block}.${block.dataset.action}`] = value;
    const empty = value === null || (Array.isArray(value) && !value.length);
    if (empty && block.dataset.optional !== "true") missing[block.dataset.block] = "Please complete this required field.";
  });
  if (Object.keys(missing).length) {
    showErrors(view, form, missing);  // as Slack does, a required field left empty is never sent
    return;
  }
  const answer = await api("/api/submit", { view_id: view.id, values });
  if (answer.errors) showErrors(view, form, answer.errors);
  else if (answer.ok) delete ui.errors[view.id];
}

function restoreTyped(typed) {
  for (const node of document.querySelectorAll("#modal-root [data-key]")) {
    const before = typed.get(node.dataset.key);
    if (!before) continue;
    if (node.tagName === "FIELDSET") {
      const checked = new Set([...before.querySelectorAll("input:checked")].map((i) => i.value));
      node.querySelectorAll("input").forEach((i) => { i.checked = checked.has(i.value); });
    } else if ("value" in node) {
      node.value = before.value;
    }
  }
}

function closeModal(view) {
  api("/api/close", { view_id: view.id });
}

function paint(data) {
  ui.data = data;
  context.people = new Map(data.people.map((p) => [p.id, p]));
  context.channels = new Map(data.channels.map((c) => [c.id, c.name]));
  context.botId = data.people.find((p) => p.role === "the app")?.id;
  const offset = Date.parse(data.now) - Date.now();
  context.now = () => new Date(Date.now() + offset);
  draw("people", { people: data.people, me: ui.me }, paintPeople);
  draw("places", { rooms: data.rooms, place: ui.place }, paintPlaces);
  draw("clock", { now: data.now.slice(0, 16), offset: data.offset_seconds, upcoming: data.upcoming }, paintClock);
  const room = data.rooms.find((r) => r.id === data.channel);
  const atHome = ui.place === HOME;
  $("conversation-title").textContent = atHome ? "Standards Bot: Home" : room ? `${room.is_private ? "◆" : "#"} ${room.name}`
    : "Standards Bot: Messages";
  $("conversation-purpose").textContent = atHome ? "The app's Home tab, as this person sees it."
    : room ? room.purpose : "Your direct messages with the bot.";
  $("message-label").textContent = atHome ? "Message the bot" : room ? `Message #${room.name}` : "Message Standards Bot";
  $("messages").setAttribute("aria-live", atHome ? "off" : "polite");  // the Home tab is a page, not a log
  if (atHome) draw("main", { me: ui.me, home: data.home }, (d) => paintHome(d.home));
  else draw("main", { me: ui.me, channel: data.channel, messages: data.messages }, (d) => paintMessages($("messages"), d.messages, false));
  $("thread").hidden = !data.thread;
  if (data.thread) draw("thread", data.thread, (t) => paintMessages($("thread-messages"), t.messages, true));
  draw("modal", data.modals, paintModal);
  const demoNotes = { "setting up": "Setting up the demo…", incomplete: "The demo is incomplete: see the terminal." };
  $("demo-note").textContent = demoNotes[data.demo] || "";
  document.body.dataset.demo = data.demo;
  document.body.dataset.ready = "true";
}

async function refresh() {
  const query = new URLSearchParams({ user: ui.me });
  if (ui.place && ui.place !== HOME) query.set("channel", ui.place === DM ? DM : ui.place);
  if (ui.thread) query.set("thread", ui.thread);
  try {
    const response = await fetch(`/api/state?${query}`);
    const data = await response.json();
    if (!ui.me) ui.me = data.me;
    if (ui.place !== HOME && ui.place !== data.channel && !(ui.place === DM && data.channel === data.dm)) {
      ui.place = data.channel;
    }
    paint(data);
  } catch {
    say("The sandbox is not answering. Is it still running?", true);
  }
}

function go(place) {
  ui.place = place;
  ui.thread = null;
  sessionStorage.setItem("sandbox-place", place);
  if (place === HOME) api("/api/home", {});
  refresh().then(() => $("conversation").focus());
}

function switchTo(userId) {
  ui.me = userId;
  sessionStorage.setItem("sandbox-me", userId);
  ui.drawn = {};
  say(`You are now ${nameOf(userId)}.`);
  go(ui.place || "");
}

function openThread(ts) {
  ui.thread = ts;
  refresh().then(() => $("thread-box").focus());
}

function setUpComposer() {
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
  $("thread-close").addEventListener("click", () => { ui.thread = null; refresh(); });
}

function setUpClock() {
  const move = async (body, what) => {
    const answer = await api("/api/clock", body);
    if (answer.ok) say(`The clock moved to ${formatDate(Date.parse(answer.now) / 1000, "{date_long} {time}")} (${what}); ${answer.ran} scheduled duties ran.`);
  };
  $("clock-go").addEventListener("click", () => {
    const select = $("clock-target");
    if (select.value) move({ to: select.value }, select.selectedOptions[0].textContent.split(":")[0]);
  });
  $("clock-hour").addEventListener("click", () => move({ hours: 1 }, "one hour on"));
  $("clock-day").addEventListener("click", () => move({ hours: 24 }, "one day on"));
}

setUpComposer();
setUpClock();
refresh();
setInterval(refresh, POLL_MS);
