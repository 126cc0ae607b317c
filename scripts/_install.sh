# Sourced by scripts/start and scripts/test. `install_locked run|dev NAME` makes .venv when there is none and
# installs into it the pinned dependencies of requirements.txt (and, for dev, requirements-dev.txt) with the bot
# itself in editable mode; but only when pyproject.toml or a lock file has changed since the last install. A stamp
# in .venv holds the hash of those files, so a start with nothing new to install runs neither pip nor the network.

_locked_files=(pyproject.toml requirements.txt requirements-dev.txt)

_locked_hash() {
  if command -v sha256sum >/dev/null 2>&1; then
    cat "${_locked_files[@]}" | sha256sum | cut -d ' ' -f 1
  else
    cat "${_locked_files[@]}" | shasum -a 256 | cut -d ' ' -f 1
  fi
}

_make_venv() {
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || return 1
  python3 -m venv .venv >/dev/null 2>&1 && return 0
  rm -rf .venv
  return 1
}

install_locked() {
  local flavour=$1 name=$2 stamp=.venv/.standards-bot-installed want have=""
  want=$(_locked_hash)
  if [ -r "$stamp" ]; then
    have=$(cat "$stamp")
  fi
  # A dev install holds everything a run needs, so scripts/start after scripts/test installs nothing.
  if [ -x .venv/bin/standards-bot ] && { [ "$have" = "dev $want" ] || [ "$have" = "$flavour $want" ]; }; then
    return 0
  fi
  echo "$name: installing the pinned dependencies into .venv (the first time, or after pyproject.toml or the lock changed)..."
  if [ ! -x .venv/bin/python ] && ! _make_venv; then
    echo "$name: cannot make .venv: it needs python3 at version 3.11 or newer with its venv module" \
         "(on Debian: apt-get install python3 python3-venv)." >&2
    return 1
  fi
  # requirements.txt ends with "." (the bot itself, for a platform's build); here the bot goes in editable instead.
  local pins=.venv/requirements-pinned.txt
  grep -v -x -e '[.]' requirements.txt > "$pins"
  local args=(-r "$pins" -e .)
  if [ "$flavour" = dev ]; then
    args=(-r "$pins" -r requirements-dev.txt -e '.[dev]')
  fi
  rm -f "$stamp"
  if ! .venv/bin/python -m pip install --quiet --disable-pip-version-check "${args[@]}" >.venv/install.log 2>&1; then
    tail -n 20 .venv/install.log >&2
    echo "$name: the install failed (the whole log is in .venv/install.log); fix the cause and run $name again." >&2
    return 1
  fi
  echo "$flavour $want" >"$stamp"
}

# True when a Slack bot token is set, in the environment or in the .env file that the bot reads.
slack_bot_token_is_set() {
  if [ -n "${SLACK_BOT_TOKEN:-}" ]; then
    return 0
  fi
  [ -r .env ] && grep -q -E "^[[:space:]]*(export[[:space:]]+)?SLACK_BOT_TOKEN[[:space:]]*=[[:space:]]*['\"]?[^'\"[:space:]#]" .env
}
