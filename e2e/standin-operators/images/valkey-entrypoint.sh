#!/bin/sh
# The stand-in Valkey node: one server on 6379 that requires the password of the users Secret's `default` key
# (as the valkey-io operator's aclfile makes it for a managed `default` user). Standalone, not cluster mode: see README.
set -eu
umask 077
printf 'port 6379\nbind 0.0.0.0\nprotected-mode no\ndir /data\nsave ""\nappendonly no\n' > /tmp/valkey.conf
# Without a managed `default` user the operator leaves Valkey's built-in one, which has no password.
if [ -n "${VALKEY_PASSWORD:-}" ]; then printf 'requirepass %s\n' "$VALKEY_PASSWORD" >> /tmp/valkey.conf; fi
exec redis-server /tmp/valkey.conf
