// The sandbox page: one pretend person at a time, their conversations, Home tab and modals, and the clock.
// It asks the sandbox for the state every second and redraws only the parts that changed.

import { el, renderBlocks } from "./blockkit.js";
import { setUpComposer } from "./composer.js";
import { paintModal } from "./modal.js";
import { context, formatDate, mrkdwn } from "./mrkdwn.js";
import { $, api, DM, HOME, hooks, say, ui } from "./shared.js";

const POLL_MS = 1000;

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

hooks.refresh = refresh;
setUpComposer();
setUpClock();
refresh();
setInterval(refresh, POLL_MS);
