#!/usr/bin/env bash
# Makes the clone that tests/real/run.js reads for one mirrored repository of the corpus:
#   tests/real/prepare-clone.sh <name> <git source> <root>
#   name        a name of MIRRORS in repos.js (kysely, node-mongodb-native, node-redis, …)
#   git source  anything `git clone` takes: the GitHub URL, or a local (bare) mirror of it
#   root        the folder to pass as DISPOSABLE_REAL_ROOT
# It clones without checking out, checks out only the folders the runner lints at the pinned
# commit (large binary files of the repository are never needed), and installs the repository's
# dependencies with npm, scripts off (only their type declarations are used).
set -euo pipefail
name=${1:?name}; source=${2:?git source}; root=${3:?root folder}
here=$(cd "$(dirname "$0")" && pwd)
read -r commit paths install < <(node --input-type=module -e "
  const { MIRRORS } = await import('$here/repos.js');
  const repo = MIRRORS.find((r) => r.name === process.argv[1]);
  if (!repo) { console.error('unknown repository ' + process.argv[1]); process.exit(2); }
  console.log(repo.commit, repo.paths.join(','), repo.install);
" "$name")
mkdir -p "$root"
dir="$root/$name"
if [ ! -d "$dir/.git" ]; then git clone --quiet --no-checkout "$source" "$dir"; fi
cd "$dir"
git fetch --quiet origin "$commit" 2>/dev/null || true
git -c advice.detachedHead=false checkout --quiet "$commit" -- ${paths//,/ }
git update-ref --no-deref HEAD "$commit"
echo "installing dependencies of $name ($install)"
$install
echo "ready: DISPOSABLE_REAL_ROOT=$root"
