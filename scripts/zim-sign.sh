#!/usr/bin/env bash
# Prints the common query parameters of one signed ZIM Server API call, ready to follow "/?".
#
#   export ZIM_APP_ID=1234567890 ZIM_SERVER_SECRET=<32 characters>
#   curl -s -X POST "http://127.0.0.1:8080/?$(scripts/zim-sign.sh UserRegister)" -d '...'
#
# Signature = lower-case hex MD5 of AppId + SignatureNonce + ServerSecret + Timestamp (plain concatenation).
# ZIM_NONCE and ZIM_TIMESTAMP override the fresh nonce and the clock, to check a known answer:
#   ZIM_APP_ID=12345 ZIM_SERVER_SECRET=9193cc662a4c0ec135ec71fb57194b38 \
#   ZIM_NONCE=4fd24687296dd9f3 ZIM_TIMESTAMP=1615186943 scripts/zim-sign.sh UserRegister
#   # ...&Signature=43e5cfcca828314675f91b001390566a&SignatureVersion=2.0
set -euo pipefail

usage() {
  echo "usage: ZIM_APP_ID=<AppId> ZIM_SERVER_SECRET=<secret> $0 <Action>" >&2
  echo "       Action is UserRegister, QueryUserInfos, ModifyUserInfo or QueryUserOnlineState" >&2
  exit 2
}

action="${1:-}"
missing=0
if [ -z "${ZIM_APP_ID:-}" ]; then
  echo "zim-sign: ZIM_APP_ID is not set (the AppId that the server printed on first start)" >&2; missing=1
fi
if [ -z "${ZIM_SERVER_SECRET:-}" ]; then
  echo "zim-sign: ZIM_SERVER_SECRET is not set (the ServerSecret that the server printed on first start)" >&2; missing=1
fi
if [ -z "$action" ]; then
  echo "zim-sign: the Action is missing" >&2; missing=1
fi
[ "$missing" = 0 ] || usage
case "$ZIM_APP_ID" in
  *[!0-9]*) echo "zim-sign: ZIM_APP_ID must be decimal digits, not '$ZIM_APP_ID'" >&2; exit 2 ;;
esac

# 8 random bytes as 16 lower-case hex characters, like the vendor's sample nonces.
nonce="${ZIM_NONCE:-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')}"
timestamp="${ZIM_TIMESTAMP:-$(date +%s)}"
signature="$(printf '%s' "$ZIM_APP_ID$nonce$ZIM_SERVER_SECRET$timestamp" | md5sum | cut -d' ' -f1)"

printf 'Action=%s&AppId=%s&SignatureNonce=%s&Timestamp=%s&Signature=%s&SignatureVersion=2.0\n' \
  "$action" "$ZIM_APP_ID" "$nonce" "$timestamp" "$signature"
