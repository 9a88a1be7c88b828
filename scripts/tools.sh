# Sourced by scripts/serve and scripts/test: installs what is missing, skips what is there.
# Where each tool's version is pinned, and why: docs/ARCHITECTURE.md, "Pinned tools".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# rust-toolchain.toml names the compiler (with the wasm32 target, rustfmt and clippy). rustup keeps
# a toolchain under the name it was installed by: a machine set up with "stable" that is this very
# version gets that name as well, instead of a download of the same compiler.
ensure_toolchain() {
  local channel home host
  channel=$(sed -n 's/^channel = "\(.*\)"$/\1/p' rust-toolchain.toml)
  if RUSTUP_AUTO_INSTALL=0 rustup run "$channel" rustc -V >/dev/null 2>&1; then return; fi
  if rustup run stable rustc -V 2>/dev/null | grep -q "^rustc $channel "; then
    home=${RUSTUP_HOME:-$HOME/.rustup}
    host=$(rustup run stable rustc -vV | sed -n 's/^host: //p')
    say "rustc $channel is installed as stable: naming it $channel too"
    ln -s "$home/toolchains/stable-$host" "$home/toolchains/$channel-$host"
  else
    say "installing rust $channel"
    rustup toolchain install "$channel" --profile minimal --component rustfmt,clippy --target wasm32-unknown-unknown
  fi
}

ensure_build_tools() {
  ensure_toolchain
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown
  fi
  local wbg
  wbg=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbg\$"; then
    # No --locked: its lock file wants a crate release the registry mirror lacks.
    say "installing wasm-bindgen-cli $wbg (about 3 minutes, once)"; cargo install wasm-bindgen-cli --version "$wbg"
  fi
  # wasm-split-cli has no --version; cargo's own list knows what it installed.
  if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -q '^wasm_split_cli_support v0\.2\.4:'; then
    say "installing wasm-split-cli 0.2.4 (about 2 minutes, once)"
    cargo install wasm_split_cli_support --version 0.2.4 --features build-binary --locked
  fi
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages"; npm ci --no-audit --no-fund
  fi
}

ensure_test_tools() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v age >/dev/null || missing+=(age)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
  fi
}

build_release() {
  say "building the release into dist/ (employer) and dist/accountmanager/"
  node scripts/build.mjs
}
