#!/usr/bin/env bash
# Proof that the shipped artefacts work, as a user with only the .NET SDK would use them: pack every
# package into artifacts/packages (with a version of this run's own, so that nothing cached from an
# earlier run can stand in for them), check their metadata, run the sample consumer's tests against that
# folder, install the zim tool from it, start `zim serve --ephemeral` and import a roster into it.
set -euo pipefail
cd "$(dirname "$0")/.."

suffix="ci.$(date +%s)"
packages=artifacts/packages
work=$(mktemp -d)
serve_pid=
cleanup() {
  if [ -n "$serve_pid" ]; then kill "$serve_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  # This run's packages in the global cache are never used again: their version is this run's alone.
  rm -rf "$(dotnet nuget locals global-packages --list | sed 's/^[^:]*: //')"/zim.*/*-"$suffix"
}
trap cleanup EXIT

rm -rf "$packages"
dotnet pack -c Release -p:VersionSuffix="$suffix" | tee "$work/pack.log"
# Warnings are errors in the build; this also catches any the pack step would only print.
if grep -E '(^|: )warning ' "$work/pack.log"; then echo "dotnet pack printed warnings"; exit 1; fi
version=$(ls "$packages"/Zim.Protocol.*.nupkg | sed -E 's/.*Zim\.Protocol\.(.*)\.nupkg/\1/')
echo "packed version $version:"
for id in Zim.Protocol Zim.Client Zim.Server Zim.Emulator Zim.Cli; do
  nupkg="$packages/$id.$version.nupkg"
  test -f "$nupkg" || { echo "missing $nupkg"; exit 1; }
  test -f "$packages/$id.$version.snupkg" || { echo "missing symbols of $id"; exit 1; }
  nuspec=$(unzip -p "$nupkg" "$id.nuspec")
  # Listed once into a variable: grep -q on a pipe would stop unzip early, and pipefail would call that a failure.
  files=$(unzip -l "$nupkg")
  for field in '<license type="expression">Apache-2.0</license>' '<readme>README.md</readme>' '<repository type="git"' '<description>' '<tags>'; do
    grep -qF "$field" <<<"$nuspec" || { echo "$id: the nuspec lacks $field"; exit 1; }
  done
  grep -q ' README.md$' <<<"$files" || { echo "$id: no README.md in the package"; exit 1; }
  if grep -qE 'content(Files)?/' <<<"$files"; then echo "$id: ships content files into its users' projects"; exit 1; fi
  printf '  %-13s %8d bytes\n' "$id" "$(stat -c %s "$nupkg")"
done
for id in Zim.Protocol Zim.Client Zim.Server Zim.Emulator; do
  grep -q "lib/net10.0/$id.xml" <<<"$(unzip -l "$packages/$id.$version.nupkg")" || { echo "$id: no XML docs"; exit 1; }
done

echo "sample consumer against the packed folder:"
(cd samples/ClassRoster && dotnet test -p:ZimVersion="$version")

echo "the zim tool from the packed folder:"
dotnet tool install Zim.Cli --version "$version" --tool-path "$work/tools" --add-source "$packages"
mkdir -p "$work/tmp"
TMPDIR="$work/tmp" "$work/tools/zim" serve --ephemeral --urls http://127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
for _ in $(seq 1 300); do
  grep -q '^ZIM_ENDPOINT=' "$work/serve.out" 2>/dev/null && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.err"; exit 1; }
  sleep 0.1
done
ready=$(grep '^ZIM_ENDPOINT=' "$work/serve.out") || { echo "zim serve printed no ready line"; cat "$work/serve.err"; exit 1; }
echo "  $ready"
# shellcheck disable=SC2086
export $ready
printf 'UserId,UserName,UserAvatar\n' >"$work/roster.csv"
for i in $(seq 1 250); do printf 's%03d,Student %d,\n' "$i" "$i" >>"$work/roster.csv"; done
"$work/tools/zim" users import "$work/roster.csv"
"$work/tools/zim" users get s001 s250 | tee "$work/got.txt"
grep -q '"UserName":"Student 250"' "$work/got.txt"
kill -TERM "$serve_pid"
wait "$serve_pid"
serve_pid=
if ls -d "$work"/tmp/zim-ephemeral-* 2>/dev/null; then echo "zim serve --ephemeral left its store behind"; exit 1; fi
echo "packages: all checks passed"
