#!/usr/bin/python3
"""Recipe search for adversarial fine-tuning of the standard model, in PyTorch (CPU or GPU).

Mirrors what `npm run finetune` does with src/training (so a recipe found here can be run there):
SGD with Nesterov momentum 0.9, L2 weight decay on kernels only, linear warm-up over the first 10% of
steps then cosine decay to 0, full batches, random horizontal flips, adversarial examples made against
the model in inference mode (BatchNorm running statistics), the update with BatchNorm in training mode.
Options the app does not have yet (random crops, attacks in training mode) are switches, to learn
whether they are worth building.

Each recipe is scored by clean and PGD-10 (8/255, step 2/255, random start) accuracy on held-out test
images. Results go to stdout and, one JSON line per recipe, to --out.

  /usr/bin/python3 scripts/train/finetune_sweep.py --data .sweep --out results.jsonl [--minutes 6]

The data folder holds train-images.u8.xz (uint8 NHWC, any number of the first training images, xz-compressed
to travel light), train-labels.u8, test-images.u8 + test-labels.u8 (test images 8000..9999) and standard.pt
(the 'model' state dict of checkpoints/standard/last.pt), all cut from .cache/cifar10 with head/tail. Results
of one run on an H200 (20,000 training images): finetune_sweep.results.jsonl beside this file.
"""
import argparse, json, lzma, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train import EpsilonCNN, augment, pgd, to_input  # noqa: E402

EPS = 8 / 255


def load(data_dir, device):
    raw = lzma.open(os.path.join(data_dir, 'train-images.u8.xz')).read()
    train_x = torch.from_numpy(np.frombuffer(raw, np.uint8).reshape(-1, 32, 32, 3).copy())
    train_y = torch.from_numpy(np.fromfile(os.path.join(data_dir, 'train-labels.u8'), np.uint8)[:len(train_x)].astype(np.int64))
    test_x = torch.from_numpy(np.fromfile(os.path.join(data_dir, 'test-images.u8'), np.uint8).reshape(-1, 32, 32, 3))
    test_y = torch.from_numpy(np.fromfile(os.path.join(data_dir, 'test-labels.u8'), np.uint8).astype(np.int64))
    return to_input(train_x).to(device), train_y.to(device), to_input(test_x).to(device), test_y.to(device)


def flip(x):
    mask = torch.rand(x.shape[0], device=x.device) < 0.5
    return torch.where(mask[:, None, None, None], x.flip(3), x)


def trades_examples(model, x, eps, alpha, steps):
    with torch.no_grad():
        p_clean = F.softmax(model(x), 1)
    x_adv = (x + 0.001 * torch.randn_like(x)).clamp(0, 1)
    for _ in range(steps):
        x_adv.requires_grad_(True)
        kl = F.kl_div(F.log_softmax(model(x_adv), 1), p_clean, reduction='sum')
        grad, = torch.autograd.grad(kl, x_adv)
        x_adv = torch.min(torch.max(x_adv.detach() + alpha * grad.sign(), x - eps), x + eps).clamp(0, 1)
    return x_adv.detach()


def evaluate(model, x, y, attack):
    model.eval()
    correct = []
    for i in range(0, len(y), 500):
        xb, yb = x[i:i + 500], y[i:i + 500]
        if attack:
            with torch.enable_grad():
                xb = pgd(model, xb, yb, EPS, 2 / 255, 10)
        with torch.no_grad():
            correct.append((model(xb).argmax(1) == yb).float())
    return torch.cat(correct).cpu()


def finetune(state, data, r, device):
    torch.manual_seed(r.get('seed', 0))
    train_x, train_y, test_x, test_y = data
    model = EpsilonCNN().to(device).to(memory_format=torch.channels_last)
    model.load_state_dict(state)
    kernels = [p for p in model.parameters() if p.dim() >= 2]
    others = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.SGD([{'params': kernels, 'weight_decay': r.get('wd', 5e-4)}, {'params': others, 'weight_decay': 0}],
                          lr=r['lr'], momentum=0.9, nesterov=True)
    batch = r.get('batch', 128)
    total = r['examples'] // batch
    warm = max(1, round(0.1 * total)) if r.get('warmup', 0.1) > 0 else 0
    augment_batch = augment if r.get('crop') else flip
    eps, step, method, mix = r.get('eps', EPS), r['step'] / 255, r['method'], r.get('mix', 1.0)
    order = torch.randperm(len(train_y), device=device)
    pos = 0
    for t in range(total):
        if pos + batch > len(order):
            order, pos = torch.randperm(len(train_y), device=device), 0
        idx = order[pos:pos + batch]
        pos += batch
        lr = r['lr'] * (t + 1) / warm if t < warm else r['lr'] * (1 + math.cos(math.pi * (t - warm) / max(1, total - warm))) / 2
        for g in opt.param_groups:
            g['lr'] = lr
        x, y = augment_batch(train_x[idx]), train_y[idx]
        m = round(mix * batch)
        model.train(r.get('attack_bn') == 'train')
        if method in ('fast', 'pgd'):  # Fast-AT: one step from a random start
            adv = pgd(model, x[:m], y[:m], eps, step, 1 if method == 'fast' else r['steps'])
        elif method == 'trades':
            adv = trades_examples(model, x[:m], eps, step, r['steps'])
        model.train()
        if method == 'trades':
            z = model(x)
            z_adv = model(adv)
            kl = F.kl_div(F.log_softmax(z_adv, 1), F.softmax(z[:m], 1), reduction='sum') / batch
            loss = F.cross_entropy(z, y) + r['beta'] * kl
        else:
            loss = F.cross_entropy(model(torch.cat([adv, x[m:]])), y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if not torch.isfinite(loss):
            break
    clean = evaluate(model, test_x, test_y, False)
    robust = evaluate(model, test_x, test_y, True)
    return clean, robust, total * batch


def recipes():
    fast = lambda lr, step, **k: {'method': 'fast', 'lr': lr, 'step': step, 'examples': 25000, **k}
    out = [fast(0.02, 10)]  # the measured tfjs run: 18.8% PGD-10 at 60.2% clean
    out += [fast(lr, step) for lr in (0.05, 0.1, 0.03, 0.01) for step in (10,)]
    out += [fast(lr, step) for lr in (0.02, 0.05, 0.1) for step in (8, 12)]
    out += [fast(0.05, 10, crop=True), fast(0.05, 10, attack_bn='train'), fast(0.05, 10, wd=0), fast(0.05, 10, mix=0.75)]
    out += [dict(method='pgd', lr=lr, step=s, steps=k, examples=25000) for lr in (0.02, 0.05) for k, s in ((2, 5), (3, 3))]
    out += [dict(method='trades', lr=lr, step=3, steps=3, beta=b, examples=25000) for lr in (0.02, 0.05) for b in (3, 6)]
    out += [fast(0.05, 10, batch=64), fast(0.1, 10, batch=64), fast(0.05, 10, examples=12500)]
    out += [fast(lr, 10, seed=s) for s in (1, 2) for lr in (0.02, 0.05, 0.1)]
    out += [fast(0.15, 10), fast(0.2, 10), fast(0.1, 14), fast(0.1, 10, crop=True), fast(0.1, 10, attack_bn='train'),
            fast(0.1, 10, mix=0.75), fast(0.1, 10, wd=0), dict(method='pgd', lr=0.1, step=5, steps=2, examples=25000),
            dict(method='trades', lr=0.1, step=3, steps=3, beta=6, examples=25000), fast(0.1, 10, crop=True, attack_bn='train')]
    out += [fast(0.1, 10, crop=True, seed=s) for s in (1, 2)] + [fast(0.1, 10, attack_bn='train', seed=s) for s in (1, 2)]
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--data', default='.sweep')
    p.add_argument('--out', default='sweep.jsonl')
    p.add_argument('--minutes', type=float, default=6)
    args = p.parse_args()
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    torch.backends.cudnn.benchmark = True
    state = torch.load(os.path.join(args.data, 'standard.pt'), map_location=device)
    data = load(args.data, device)
    held = slice(1000, 1500)  # the data holds test images 8000..9999: this slice is 9000..9499, finetune's set
    t0 = time.time()
    base = EpsilonCNN().to(device).to(memory_format=torch.channels_last)
    base.load_state_dict(state)
    c, rb = evaluate(base, data[2], data[3], False), evaluate(base, data[2], data[3], True)
    print(f'before: clean {c.mean():.3f} PGD-10 {rb.mean():.3f} (2000 images); on 9000..9499 {c[held].mean():.3f} / {rb[held].mean():.3f}', flush=True)
    with open(args.out, 'w') as f:
        for r in recipes():
            if time.time() - t0 > 60 * args.minutes:
                print('out of time', flush=True)
                break
            s = time.time()
            clean, robust, seen = finetune(state, data, r, device)
            row = dict(recipe=r, examples=seen, clean=clean.mean().item(), pgd10=robust.mean().item(),
                       clean_9000=clean[held].mean().item(), pgd10_9000=robust[held].mean().item(), seconds=round(time.time() - s, 1))
            f.write(json.dumps(row) + '\n')
            f.flush()
            print(json.dumps(row), flush=True)


if __name__ == '__main__':
    main()
