// Block Kit drawn as plain, accessible HTML. `surface.act(element, blockId, selected)` is called when a
// person presses a button or picks from a menu; inputs of a modal keep their values until it is submitted.

import { context, mrkdwn, plainOf, textObject } from "./mrkdwn.js";

let serial = 0;
const uid = (prefix) => `${prefix}-${++serial}`;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}
export { el };

function optionsOf(element) {
  const found = [...(element.options || [])];
  for (const group of element.option_groups || []) found.push(...(group.options || []));
  return found;
}

function peopleOptions() {
  return [...context.people.values()].filter((p) => p.id !== context.botId)
    .map((p) => ({ value: p.id, text: { type: "plain_text", text: `${p.display} (@${p.name})` } }));
}

function channelOptions() {
  return [...context.channels.entries()].map(([id, name]) => ({ value: id, text: { type: "plain_text", text: `#${name}` } }));
}

function choicesFor(element) {
  if (/users_select$/.test(element.type)) return peopleOptions();
  if (/(conversations|channels)_select$/.test(element.type)) return channelOptions();
  return optionsOf(element);
}

function initialOf(element) {
  for (const key of ["initial_value", "initial_date", "initial_time", "initial_user", "initial_conversation",
    "initial_channel"]) {
    if (element[key] !== undefined && element[key] !== null) return element[key];
  }
  if (element.initial_option) return element.initial_option.value;
  if (element.initial_options) return element.initial_options.map((o) => o.value);
  for (const key of ["initial_users", "initial_conversations", "initial_channels"]) {
    if (element[key]) return element[key];
  }
  if (element.initial_date_time) return element.initial_date_time;
  return null;
}

function keyOf(surface, blockId, element) {
  return `${surface.key}|${blockId}|${element.action_id || ""}`;
}

// One interactive element. `label` names it for people using a screen reader when no visible label does.
function element(surface, blockId, element, { inInput = false, labelId = null, label = null } = {}) {
  const key = keyOf(surface, blockId, element);
  const named = labelId ? { "aria-labelledby": labelId } : { "aria-label": label || plainOf(element.placeholder) || element.type };
  const act = (selected) => !inInput && surface.act(element, blockId, selected);
  const type = element.type;
  if (type === "button") {
    const text = plainOf(element.text);
    const press = async () => {
      if (element.confirm && !window.confirm(`${plainOf(element.confirm.title)}\n\n${plainOf(element.confirm.text)}`)) return;
      if (element.url) window.open(element.url, "_blank", "noopener");
      act(null);
    };
    return el("button", {
      type: "button", class: `bk-button ${element.style || ""}`, "data-key": key, onclick: press,
      "aria-label": element.accessibility_label,
    }, text);
  }
  if (type === "image") return el("img", { class: "bk-image-small", src: element.image_url, alt: element.alt_text || "" });
  if (type === "overflow") {
    const select = el("select", { class: "bk-overflow", "data-key": key, "aria-label": label || "More actions" },
      el("option", { value: "", text: "More actions…" }),
      ...optionsOf(element).map((o) => el("option", { value: o.value, text: plainOf(o.text) })));
    select.addEventListener("change", () => select.value && act(select.value));
    return select;
  }
  const multi = /^multi_/.test(type) || type === "checkboxes";
  if (multi || type === "radio_buttons") {
    const group = el("fieldset", { class: "bk-choices", "data-key": key, "data-input": type, ...named });
    const initial = [].concat(initialOf(element) ?? []);
    const name = uid("choice");
    for (const option of choicesFor(element)) {
      const id = uid("opt");
      const box = el("input", { type: multi ? "checkbox" : "radio", id, name, value: option.value });
      box.checked = initial.includes(option.value);
      box.addEventListener("change", () => {
        if (inInput) return;
        const picked = [...group.querySelectorAll("input:checked")].map((i) => i.value);
        act(multi ? picked : picked[0]);
      });
      group.append(el("div", { class: "bk-choice" }, box, el("label", { for: id }, textObject(option.text))));
    }
    return group;
  }
  if (/select$/.test(type)) {
    const select = el("select", { class: "bk-select", "data-key": key, "data-input": type, ...named },
      el("option", { value: "", text: plainOf(element.placeholder) || "Choose…" }),
      ...choicesFor(element).map((o) => el("option", { value: o.value, text: plainOf(o.text) })));
    select.value = initialOf(element) ?? "";
    select.addEventListener("change", () => select.value && act(select.value));
    return select;
  }
  const inputTypes = { datepicker: "date", timepicker: "time", datetimepicker: "datetime-local", number_input: "number",
    email_text_input: "email", url_text_input: "url" };
  if (type === "plain_text_input" && element.multiline) {
    const area = el("textarea", { class: "bk-text", rows: 5, "data-key": key, "data-input": type,
      maxlength: element.max_length, placeholder: plainOf(element.placeholder), ...named });
    area.value = initialOf(element) ?? "";
    return area;
  }
  if (type in inputTypes || type === "plain_text_input" || type === "rich_text_input") {
    const input = el("input", { class: "bk-text", type: inputTypes[type] || "text", "data-key": key, "data-input": type,
      maxlength: element.max_length, placeholder: plainOf(element.placeholder), ...named,
      step: type === "number_input" && element.is_decimal_allowed ? "any" : undefined });
    const initial = initialOf(element);
    if (type === "datetimepicker" && initial) input.value = new Date(initial * 1000).toISOString().slice(0, 16);
    else input.value = initial ?? "";
    if (!inInput) input.addEventListener("change", () => input.value && act(type === "datetimepicker"
      ? Math.floor(new Date(input.value).getTime() / 1000) : input.value));
    return input;
  }
  return el("span", { class: "bk-unsupported", text: `(${type} cannot be used in the sandbox)` });
}

// The value an input holds now, in the shape the simulator's driver takes.
export function valueOf(node) {
  const type = node.dataset.input;
  if (node.tagName === "FIELDSET") {
    const picked = [...node.querySelectorAll("input:checked")].map((i) => i.value);
    return type === "radio_buttons" ? picked[0] ?? null : picked;
  }
  if (type === "datetimepicker") return node.value ? Math.floor(new Date(node.value).getTime() / 1000) : null;
  return node.value === "" ? null : node.value;
}

function section(surface, block, blockId) {
  const body = el("div", { class: "bk-section-body" });
  if (block.text) body.append(textObject(block.text));
  if (block.fields) body.append(el("div", { class: "bk-fields" }, ...block.fields.map((f) => el("div", {}, textObject(f)))));
  const row = el("div", { class: "bk-section" }, body);
  if (block.accessory) {
    const label = block.text ? plainOf(block.text).slice(0, 60) : "";
    row.append(el("div", { class: "bk-accessory" }, element(surface, blockId, block.accessory, { label })));
  }
  return row;
}

function input(surface, block, blockId) {
  const labelId = uid("label");
  const errorId = uid("error");
  const error = surface.errors?.[blockId];
  const control = element(surface, blockId, block.element, { inInput: true, labelId });
  if (error) {
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", errorId);
  }
  if (!["FIELDSET"].includes(control.tagName)) control.id = uid("input");
  const label = el(control.id ? "label" : "span", { id: labelId, class: "bk-label", for: control.id || undefined },
    plainOf(block.label), block.optional ? el("span", { class: "optional", text: " (optional)" }) : null);
  return el("div", { class: "bk-input", "data-block": blockId, "data-action": block.element?.action_id || "",
    "data-optional": String(Boolean(block.optional)) },
    label, control,
    block.hint ? el("div", { class: "bk-hint", text: plainOf(block.hint) }) : null,
    error ? el("div", { class: "bk-error", id: errorId, role: "alert", text: error }) : null);
}

function richText(block) {
  const out = el("div", { class: "bk-rich" });
  const walk = (items, into) => {
    for (const item of items || []) {
      if (item.type === "text") into.append(item.style?.bold ? el("strong", { text: item.text }) : item.text);
      else if (item.type === "link") into.append(el("a", { href: item.url, rel: "noopener noreferrer", target: "_blank", text: item.text || item.url }));
      else if (item.type === "user") into.append(mrkdwn(`<@${item.user_id}>`));
      else if (item.elements) walk(item.elements, into.appendChild(el(item.type === "rich_text_preformatted" ? "pre" : "div")));
    }
  };
  walk(block.elements, out);
  return out;
}

function block(surface, block, index) {
  const blockId = block.block_id || `block-${index}`;
  switch (block.type) {
    case "header": return el("h3", { class: "bk-header" }, plainOf(block.text));
    case "section": return section(surface, block, blockId);
    case "divider": return el("hr", { class: "bk-divider" });
    case "context": return el("div", { class: "bk-context" }, ...(block.elements || []).map((e) => e.type === "image"
      ? el("img", { class: "bk-context-image", src: e.image_url, alt: e.alt_text || "" }) : textObject(e)));
    case "actions": return el("div", { class: "bk-actions", role: "group", "aria-label": "Actions" },
      ...(block.elements || []).map((e) => element(surface, blockId, e)));
    case "image": return el("figure", { class: "bk-image" }, el("img", { src: block.image_url, alt: block.alt_text || "" }),
      block.title ? el("figcaption", { text: plainOf(block.title) }) : null);
    case "input": return input(surface, block, blockId);
    case "rich_text": return richText(block);
    case "markdown": return mrkdwn(block.text);
    case "file": return el("div", { class: "bk-file", text: `A file (${block.external_id || block.source || "shared"})` });
    default: return el("div", { class: "bk-unsupported", text: `(a ${block.type} block)` });
  }
}

export function renderBlocks(surface, blocks) {
  return el("div", { class: "bk-blocks" }, ...(blocks || []).map((b, i) => block(surface, b, i)));
}
