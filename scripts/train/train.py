#!/usr/bin/python3
"""Offline training of Epsilon's CIFAR-10 CNN (standard or Fast-AT robust) with PyTorch on the CPU.

Checkpoints every epoch into checkpoints/<name>/ and resumes from there when run again.
Writes checkpoints/<name>/export/ (float32 weights in tfjs layout, the 64-image golden logits, the
training log) for scripts/model/export.ts to turn into a tfjs LayersModel.

  /usr/bin/python3 scripts/train/train.py --name standard
  /usr/bin/python3 scripts/train/train.py --name robust --method fast-at
"""
import argparse, json, os, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CACHE = os.environ.get('EPSILON_CACHE', os.path.join(ROOT, '.cache', 'cifar10'))
GOLDEN_COUNT = 64


def load_split(split, count):
    images = np.fromfile(os.path.join(CACHE, f'{split}-images.u8'), dtype=np.uint8).reshape(count, 32, 32, 3)
    labels = np.fromfile(os.path.join(CACHE, f'{split}-labels.u8'), dtype=np.uint8).astype(np.int64)
    return torch.from_numpy(images), torch.from_numpy(labels)


def to_input(u8_nhwc):
    """uint8 NHWC -> float NCHW in [0,1], channels-last memory (the same numbers tfjs sees as NHWC)."""
    x = u8_nhwc.permute(0, 3, 1, 2).float().div_(255)
    return x.contiguous(memory_format=torch.channels_last)


class EpsilonCNN(nn.Module):
    """Mirrors src/model/architecture.ts: 3 stages of two conv3x3-BN-ReLU, each ending in a 2x2 max-pool,
    then a global max-pool and a linear layer. Pools see ReLU outputs (non-negative), which keeps tfjs
    WASM's MaxPoolGrad correct. Input: raw pixels in [0,1]; output: logits."""

    WIDTHS = (32, 64, 128)

    def __init__(self):
        super().__init__()
        layers, cin = [], 3
        for w in self.WIDTHS:
            for _ in range(2):
                layers += [nn.Conv2d(cin, w, 3, padding=1, bias=False), nn.BatchNorm2d(w), nn.ReLU(inplace=True)]
                cin = w
            layers.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*layers)
        self.head = nn.Linear(cin, 10)

    def forward(self, x):
        x = self.features(x)
        return self.head(torch.amax(x, dim=(2, 3)))


def augment(x):
    """Reflect-pad-4 random crop and horizontal flip, per image."""
    n, dev = x.shape[0], x.device  # indices on x's device: the recipe search runs this on a GPU
    padded = F.pad(x, (4, 4, 4, 4), mode='reflect')
    dx, dy = torch.randint(0, 9, (n,), device=dev), torch.randint(0, 9, (n,), device=dev)
    rows = (dy[:, None] + torch.arange(32, device=dev)[None, :])  # n,32
    cols = (dx[:, None] + torch.arange(32, device=dev)[None, :])
    idx = torch.arange(n, device=dev)[:, None, None]
    out = padded.permute(0, 2, 3, 1)[idx, rows[:, :, None], cols[:, None, :]]  # n,32,32,c
    flip = torch.rand(n, device=dev) < 0.5
    out[flip] = out[flip].flip(2)
    return out.permute(0, 3, 1, 2).contiguous(memory_format=torch.channels_last)


def fgsm_random_start(model, x, y, eps, alpha):
    """Fast-AT (Wong, Rice and Kolter 2020): uniform start in the eps-ball, one signed-gradient step."""
    delta = (torch.rand_like(x) * 2 - 1) * eps
    delta = (x + delta).clamp(0, 1) - x
    delta.requires_grad_(True)
    loss = F.cross_entropy(model(x + delta), y)
    grad, = torch.autograd.grad(loss, delta)
    delta = (delta + alpha * grad.sign()).clamp(-eps, eps)
    return ((x + delta).clamp(0, 1)).detach()


def pgd(model, x, y, eps, alpha, steps):
    delta = ((torch.rand_like(x) * 2 - 1) * eps)
    x_adv = (x + delta).clamp(0, 1)
    for _ in range(steps):
        x_adv.requires_grad_(True)
        loss = F.cross_entropy(model(x_adv), y)
        grad, = torch.autograd.grad(loss, x_adv)
        x_adv = torch.min(torch.max(x_adv.detach() + alpha * grad.sign(), x - eps), x + eps).clamp(0, 1)
    return x_adv.detach()


def accuracy(model, images, labels, batch=1000, attack=None):
    model.eval()
    correct = 0
    for i in range(0, len(labels), batch):
        x, y = to_input(images[i:i + batch]), labels[i:i + batch]
        if attack is not None:
            with torch.enable_grad():
                x = attack(model, x, y)
        with torch.no_grad():
            correct += (model(x).argmax(1) == y).sum().item()
    return correct / len(labels)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--name', required=True)
    p.add_argument('--method', choices=['standard', 'fast-at'], default='standard')
    p.add_argument('--epochs', type=int, default=20)
    p.add_argument('--batch', type=int, default=256)
    p.add_argument('--lr', type=float, default=0.2, help='peak of the one-cycle schedule')
    p.add_argument('--label-smoothing', type=float, default=0.1)
    p.add_argument('--weight-decay', type=float, default=5e-4)
    p.add_argument('--eps', type=float, default=8, help='Fast-AT radius, in /255')
    p.add_argument('--alpha', type=float, default=10, help='Fast-AT step, in /255')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--threads', type=int, default=2)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    out_dir = os.path.join(ROOT, 'checkpoints', args.name)
    os.makedirs(out_dir, exist_ok=True)
    ckpt_path = os.path.join(out_dir, 'last.pt')

    train_x, train_y = load_split('train', 50000)
    test_x, test_y = load_split('test', 10000)
    model = EpsilonCNN().to(memory_format=torch.channels_last)
    decay = [p_ for n, p_ in model.named_parameters() if p_.ndim > 1]
    no_decay = [p_ for n, p_ in model.named_parameters() if p_.ndim <= 1]
    opt = torch.optim.SGD([{'params': decay, 'weight_decay': args.weight_decay}, {'params': no_decay, 'weight_decay': 0}],
                          lr=args.lr, momentum=0.9, nesterov=True)
    steps_per_epoch = 50000 // args.batch
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, epochs=args.epochs, steps_per_epoch=steps_per_epoch,
                                                pct_start=0.25, anneal_strategy='linear')
    log, start_epoch, good_state = [], 0, None
    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path)
        model.load_state_dict(ck['model']); opt.load_state_dict(ck['opt']); sched.load_state_dict(ck['sched'])
        torch.set_rng_state(ck['rng'])
        log, start_epoch, good_state = ck['log'], ck['epoch'], ck.get('good_state')
        print(f'resumed {args.name} after epoch {start_epoch}', flush=True)

    eps, alpha = args.eps / 255, args.alpha / 255
    monitor_x, monitor_y = train_x[:512], train_y[:512]
    for epoch in range(start_epoch, args.epochs):
        model.train()
        t0, seen, loss_sum = time.time(), 0, 0.0
        perm = torch.randperm(50000)
        for b in range(steps_per_epoch):
            idx = perm[b * args.batch:(b + 1) * args.batch]
            x, y = augment(to_input(train_x[idx])), train_y[idx]
            if args.method == 'fast-at':
                x = fgsm_random_start(model, x, y, eps, alpha)
            loss = F.cross_entropy(model(x), y, label_smoothing=args.label_smoothing)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step(); sched.step()
            seen += len(y); loss_sum += loss.item() * len(y)
        train_s = time.time() - t0
        entry = {'epoch': epoch + 1, 'loss': loss_sum / seen, 'train_seconds': round(train_s, 1),
                 'images_per_second': round(seen / train_s), 'test_clean': accuracy(model, test_x, test_y)}
        if args.method == 'fast-at':
            # Catastrophic overfitting shows as PGD accuracy on training images collapsing: keep the last good weights.
            entry['monitor_pgd10'] = accuracy(model, monitor_x, monitor_y, attack=lambda m, x, y: pgd(m, x, y, eps, 2 / 255, 10))
            best = max([e['monitor_pgd10'] for e in log] + [0])
            if entry['monitor_pgd10'] < 0.5 * best:
                print(f'catastrophic overfitting at epoch {epoch + 1}: restoring the last good weights', flush=True)
                entry['restored'] = True
                model.load_state_dict(good_state)
            else:
                good_state = {k: v.clone() for k, v in model.state_dict().items()}
        log.append(entry)
        print(json.dumps(entry), flush=True)
        torch.save({'model': model.state_dict(), 'opt': opt.state_dict(), 'sched': sched.state_dict(),
                    'rng': torch.get_rng_state(), 'log': log, 'epoch': epoch + 1, 'good_state': good_state}, ckpt_path + '.tmp')
        os.replace(ckpt_path + '.tmp', ckpt_path)

    export(model, args, log, out_dir, test_x, test_y)


def export(model, args, log, out_dir, test_x, test_y):
    """Float32 weights in tfjs layout and order, rounded through float16 (what we ship), plus PyTorch's
    logits for the first 64 test images computed with exactly those weights."""
    model.eval()
    with torch.no_grad():
        for prm in model.state_dict().values():
            if prm.dtype == torch.float32:
                prm.copy_(prm.half().float())
    tensors = []
    convs = [m for m in model.features if isinstance(m, nn.Conv2d)]
    bns = [m for m in model.features if isinstance(m, nn.BatchNorm2d)]
    for i, (conv, bn) in enumerate(zip(convs, bns)):
        tensors.append((f'conv{i + 1}/kernel', conv.weight.detach().permute(2, 3, 1, 0)))  # -> [kh,kw,in,out]
        tensors += [(f'bn{i + 1}/gamma', bn.weight.detach()), (f'bn{i + 1}/beta', bn.bias.detach()),
                    (f'bn{i + 1}/moving_mean', bn.running_mean), (f'bn{i + 1}/moving_variance', bn.running_var)]
    tensors += [('logits/kernel', model.head.weight.detach().t()), ('logits/bias', model.head.bias.detach())]
    exp = os.path.join(out_dir, 'export')
    os.makedirs(exp, exist_ok=True)
    with open(os.path.join(exp, 'weights.f32'), 'wb') as f:
        for _, t in tensors:
            f.write(t.contiguous().numpy().astype('<f4').tobytes())
    with torch.no_grad():
        golden = model(to_input(test_x[:GOLDEN_COUNT])).numpy().tolist()
    clean = accuracy(model, test_x, test_y)
    meta = {'name': args.name, 'method': args.method, 'args': vars(args), 'log': log,
            'weights': [{'name': n, 'shape': list(t.shape)} for n, t in tensors],
            'params': int(sum(t.numel() for _, t in tensors if 'moving' not in _)),
            'pytorch_test_clean_float16': clean, 'golden': {'testIndex': list(range(GOLDEN_COUNT)), 'logits': golden},
            'train_seconds': round(sum(e['train_seconds'] for e in log), 1)}
    with open(os.path.join(exp, 'meta.json'), 'w') as f:
        json.dump(meta, f)
    print(f'exported {args.name}: test clean {clean:.4f} (float16 weights) -> {exp}', flush=True)


if __name__ == '__main__':
    main()
