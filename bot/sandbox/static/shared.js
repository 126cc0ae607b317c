// What every part of the page shares: the state of the page, the sandbox's API and the status line.

export const HOME = "home";
export const DM = "dm";  // whoever is being played, their DM with the bot
export const ui = {
  me: sessionStorage.getItem("sandbox-me") || "",
  place: sessionStorage.getItem("sandbox-place") || "",
  thread: null,
  data: null,
  drawn: {},
  errors: {},
};
export const $ = (id) => document.getElementById(id);

export async function api(path, body) {
  const response = await fetch(path, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ user: ui.me, ...body }),
  });
  const answer = await response.json().catch(() => ({ ok: false, error: "The sandbox did not answer." }));
  if (!answer.ok) say(answer.error || "That did not work.", true);
  setTimeout(() => hooks.refresh(), 150);
  return answer;
}

export function say(text, problem = false) {
  const status = $("status");
  status.textContent = text;
  status.classList.toggle("problem", problem);
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { status.textContent = ""; }, 8000);
}

export const hooks = { refresh: async () => {} };  // set by the page once it can draw itself
