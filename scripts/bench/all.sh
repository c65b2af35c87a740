#!/bin/sh
# `npm run bench [-- flags of scripts/bench/attacks.ts]`: the attacks in Node (WASM, CPU), "Measure robustness" and
# the corruption sweep in Node (WASM), C&W before and after its prepared input gradient (scripts/bench/cw.ts), the training methods
# and the insight views (gradient view, 41x41 landscape) in Node (WASM), then what a user feels in Chromium (scripts/bench/browser.ts: threads, startup, slider, in-page
# training; then the insight views: scripts/bench/insightsBrowser.ts). Prints figures; asserts nothing.
set -e
tsx scripts/bench/attacks.ts "$@"
echo
tsx scripts/bench/cw.ts
echo
tsx scripts/bench/reliable.ts
echo
tsx scripts/bench/corruptions.ts
echo
tsx scripts/bench/training.ts
echo
tsx scripts/bench/insights.ts
echo
npm run bench:browser --silent
