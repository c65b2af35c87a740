#!/usr/bin/env bash
# Trains (or resumes) both shipped models, one after the other. About 25 + 50 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
$PY scripts/train/train.py --name standard --method standard --epochs 20 --lr 0.2 --label-smoothing 0.1
# No label smoothing for adversarial training: it can flatten the loss surface and mask gradients.
$PY scripts/train/train.py --name robust --method fast-at --epochs 20 --lr 0.15 --label-smoothing 0 --eps 8 --alpha 10
