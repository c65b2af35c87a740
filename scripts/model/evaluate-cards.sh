#!/usr/bin/env bash
# Writes the evaluation figures of both shipped models' card.json with the project's own tfjs code (WASM).
# About 20 minutes on one free core.
set -euo pipefail
cd "$(dirname "$0")/../.."
ev() { npx tsx scripts/model/evaluate.ts "$@"; }
ev --model standard --attack pgd --eps 8 --steps 20 --step-size 2 --n 1000 --clean-n 10000 --card pgd20
ev --model robust --attack pgd --eps 8 --steps 20 --step-size 2 --n 1000 --clean-n 10000 --card pgd20
# Gradient-masking check: the strongest attack we run must not do much better than PGD-20 on the same images.
ev --model robust --attack pgd --eps 8 --steps 20 --step-size 2 --n 200 --clean-n 200 --card pgd20First200
ev --model robust --attack pgd --eps 8 --steps 50 --step-size 2 --restarts 5 --n 200 --clean-n 200 --card pgd50x5First200
ev --model robust --attack fgsm --eps 8 --n 1000 --clean-n 1000 --card fgsm
ev --model standard --attack fgsm --eps 8 --n 1000 --clean-n 1000 --card fgsm
