// Modals: drawn from the view the bot opened, submitted with what the person typed, errors shown inline.

import { el, renderBlocks, valueOf } from "./blockkit.js";
import { $, api, say, ui } from "./shared.js";

export function paintModal(views) {
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

