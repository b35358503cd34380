# Sourced by build.sh and test.sh: puts first on PATH a Node that Vite and
# Vitest accept (package.json "engines": ^20.19 or >= 22.12) and an npm.
# The machine's own Node is used when it is new enough; otherwise (a fresh
# Debian 12 ships 18.19) a pinned Node comes from the npm registry, as the
# package node-linux-<arch>, into .tools/, so nothing is installed by hand.

VELLUM_NODE_VERSION=22.23.5   # the Node fetched when the machine's is too old
VELLUM_NPM_VERSION=10.9.9     # the npm that runs with it (the package ships node alone)

vellum_node_fits() {
  "$1" -e '
    const [major, minor] = process.versions.node.split(".").map(Number);
    process.exit((major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22 ? 0 : 1);
  ' 2>/dev/null
}

vellum_ensure_node() {
  local web_dir tools arch
  web_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  tools="$web_dir/.tools/node"

  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && vellum_node_fits node; then
    return 0
  fi
  if [ -x "$tools/node_modules/.bin/node" ] && vellum_node_fits "$tools/node_modules/.bin/node"; then
    export PATH="$tools/node_modules/.bin:$PATH"
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "gateway/web: no node or npm on PATH to fetch Node $VELLUM_NODE_VERSION with;" \
         "install Debian's nodejs and npm first (make deps does)" >&2
    return 1
  fi
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "gateway/web: no node-linux package for $(uname -m)" >&2; return 1 ;;
  esac
  echo "gateway/web: node $(node --version) is too old for Vite and Vitest;" \
       "fetching node-linux-$arch@$VELLUM_NODE_VERSION from the npm registry into .tools/" >&2
  rm -rf "$tools"
  mkdir -p "$tools"
  # The old npm only downloads; the new Node and npm run everything after.
  (cd "$tools" && echo '{"private": true}' > package.json &&
    npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
      "node-linux-$arch@$VELLUM_NODE_VERSION" "npm@$VELLUM_NPM_VERSION") >&2
  export PATH="$tools/node_modules/.bin:$PATH"
  if ! vellum_node_fits node; then
    echo "gateway/web: the fetched Node does not run here ($(command -v node))" >&2
    return 1
  fi
}

vellum_ensure_node
