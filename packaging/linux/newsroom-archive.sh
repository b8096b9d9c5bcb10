#!/bin/sh
# /usr/bin/newsroom-archive: the app installed under /opt by the Newsroom Archive package.
exec /opt/newsroom-archive/newsroom-archive "$@"
