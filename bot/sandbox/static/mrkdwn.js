// Slack's text formats drawn as the Slack client shows them. Everything becomes DOM nodes with
// textContent, never HTML, so whatever the bot or a person sends is shown and never run.

const DAY_MS = 24 * 60 * 60 * 1000;
const ZONE = "Europe/London";

export const context = { people: new Map(), channels: new Map(), now: () => new Date() };

// The shortcodes the bot uses, and a few more, as the characters Slack shows for them.
const EMOJI = {
  warning: "⚠️", white_check_mark: "✅", hourglass: "⌛", calendar: "📆", tada: "🎉", speech_balloon: "💬",
  red_circle: "🔴", no_entry: "⛔", ballot_box_with_check: "☑️", arrows_counterclockwise: "🔄", alarm_clock: "⏰",
  x: "❌", pause_button: "⏸️", bell: "🔔", bar_chart: "📊", spades: "♠️", hearts: "♥️", diamonds: "♦️",
  clubs: "♣️", lock: "🔒", memo: "📝", wave: "👋", mega: "📣", bulb: "💡", thumbsup: "👍", eyes: "👀",
};

export function emojify(text) {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name) => EMOJI[name] ?? whole);
}

function unescapeSlack(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function parts(date) {
  const shown = new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE, weekday: "long", day: "numeric", month: "long", year: "numeric",
    hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
  }).formatToParts(date);
  return Object.fromEntries(shown.map((p) => [p.type, p.value]));
}

function dayNumber(date) {
  const p = parts(date);
  return Date.UTC(Number(p.year), monthIndex(p.month), Number(p.day)) / DAY_MS;
}

function monthIndex(name) {
  return ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"].indexOf(name);
}

function pretty(date, plain) {
  const gap = dayNumber(date) - dayNumber(context.now());
  return { 0: "today", 1: "tomorrow", "-1": "yesterday" }[gap] ?? plain;
}

function ago(date) {
  const seconds = Math.round((date - context.now()) / 1000);
  const units = [["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60]];
  const rtf = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(seconds, "second");
}

// <!date^1796493600^{date_long_pretty} at {time}|fallback> as the reader's client would show it.
export function formatDate(epoch, template) {
  const date = new Date(epoch * 1000);
  const p = parts(date);
  const short = `${p.month.slice(0, 3)} ${p.day}, ${p.year}`;
  const medium = `${p.month} ${p.day}, ${p.year}`;
  const long = `${p.weekday}, ${medium}`;
  const tokens = {
    date_num: `${p.year}-${String(monthIndex(p.month) + 1).padStart(2, "0")}-${p.day.padStart(2, "0")}`,
    date: medium, date_short: short, date_long: long,
    date_pretty: pretty(date, medium), date_short_pretty: pretty(date, short), date_long_pretty: pretty(date, long),
    time: `${p.hour}:${p.minute}`, time_secs: `${p.hour}:${p.minute}:${p.second}`, ago: ago(date),
  };
  return template.replace(/\{(\w+)\}/g, (whole, name) => tokens[name] ?? whole);
}

function special(inner) {
  // inner is what stands between < and >, still escaped.
  const [target, label] = splitOnce(inner, "|");
  if (target.startsWith("@")) {
    const person = context.people.get(target.slice(1));
    return mention(`@${person ? person.display : label || target.slice(1)}`);
  }
  if (target.startsWith("#")) {
    const name = context.channels.get(target.slice(1)) || label || target.slice(1);
    return mention(`#${name}`);
  }
  if (target.startsWith("!date^")) {
    const [, epoch, template] = target.split("^");
    const span = document.createElement("time");
    span.dateTime = new Date(Number(epoch) * 1000).toISOString();
    span.textContent = formatDate(Number(epoch), unescapeSlack(template || "{date}"));
    return span;
  }
  if (target.startsWith("!")) {
    const name = target.slice(1).split("^")[0];
    return mention(`@${label || name}`);
  }
  if (/^(https?:|mailto:)/.test(target)) {
    const link = document.createElement("a");
    link.href = unescapeSlack(target);
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    link.textContent = unescapeSlack(label || target);
    return link;
  }
  return document.createTextNode(unescapeSlack(`<${inner}>`));
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
}

function mention(text) {
  const span = document.createElement("span");
  span.className = "mention";
  span.textContent = text;
  return span;
}

const INLINE = /<([^<>\n]+)>|`([^`\n]+)`|(?<![\w*])\*([^*\n]+)\*(?![\w*])|(?<![\w_])_([^_\n]+)_(?![\w_])|(?<![\w~])~([^~\n]+)~(?![\w~])/g;

function inline(text, into) {
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) into.append(emojify(unescapeSlack(text.slice(last, match.index))));
    const [, angle, code, bold, italic, strike] = match;
    if (angle !== undefined) into.append(special(angle));
    else if (code !== undefined) into.append(wrap("code", code, false));
    else if (bold !== undefined) into.append(wrap("strong", bold, true));
    else if (italic !== undefined) into.append(wrap("em", italic, true));
    else into.append(wrap("s", strike, true));
    last = match.index + match[0].length;
  }
  if (last < text.length) into.append(emojify(unescapeSlack(text.slice(last))));
}

function wrap(tag, text, nested) {
  const element = document.createElement(tag);
  if (nested) inline(text, element);
  else element.textContent = unescapeSlack(text);
  return element;
}

// A whole mrkdwn text: code blocks, quotes and lines, each line formatted inline.
export function mrkdwn(text) {
  const root = document.createElement("div");
  root.className = "mrkdwn";
  const pieces = String(text ?? "").split("```");
  pieces.forEach((piece, index) => {
    if (index % 2 === 1) {
      const pre = document.createElement("pre");
      pre.textContent = unescapeSlack(piece.replace(/^\n/, ""));
      root.append(pre);
      return;
    }
    let quote = null;
    piece.split("\n").forEach((line, lineIndex, lines) => {
      if (line.startsWith("&gt;")) {
        if (!quote) {
          quote = document.createElement("blockquote");
          root.append(quote);
        } else {
          quote.append(document.createElement("br"));
        }
        inline(line.replace(/^&gt; ?/, ""), quote);
        return;
      }
      quote = null;
      inline(line, root);
      if (lineIndex < lines.length - 1) root.append(document.createElement("br"));
    });
  });
  return root;
}

// A text object: plain_text is shown as written (with its escapes undone), mrkdwn formatted.
export function textObject(obj) {
  if (!obj) return document.createTextNode("");
  if (obj.type === "mrkdwn") return mrkdwn(obj.text);
  const span = document.createElement("span");
  span.textContent = obj.emoji === false ? obj.text ?? "" : emojify(String(obj.text ?? ""));
  return span;
}

export function plainOf(obj) {
  return obj ? String(obj.text ?? "") : "";
}
