#!/usr/bin/python3
"""Recipe search for the page's class-time adversarial training, in PyTorch on the CPU.

An exact mirror of what the page trains (src/training, src/state/trainingSlice.ts): the shipped standard model
(read from models/standard, the same float16-rounded weights the page loads), the page's 5,000-image training
subset (public/data, scripts/data/subsetSpec.ts), batch 32, SGD with Nesterov momentum 0.9, weight decay on the
kernels only, linear warm-up then cosine decay to 0, random horizontal flips, adversarial examples made against
the model in inference mode (BatchNorm running statistics), the update with BatchNorm in training mode.

Each recipe is scored the way the page scores it: clean accuracy and PGD-10 (step 2.5 eps / 10 from a random
start: src/attacks/pgdEvaluation.ts) on the first 500 held-out images (the page's evaluation set, test images
0..499), at the training epsilon and at 8/255. Budgets are equal compute, not equal images: a recipe whose step
costs p passes per image gets (1 + w) / p times the images of Fast-AT, where w is what the update's weight gradient
costs in input-gradient passes (COSTS below; --weight-cost, 1 in the first sweep), so every row of a budget costs
what the page's Fast-AT does in that many images. The budgets are what the one-thread WASM page trains in 2 and 5
minutes (npm run bench:browser, part d; --budgets for another day's figures).

  /usr/bin/python3 scripts/train/class_recipe_sweep.py --out scripts/train/class_recipe_sweep.results.jsonl
  /usr/bin/python3 scripts/train/class_recipe_sweep.py --table scripts/train/class_recipe_sweep.results.jsonl

Runs resume: recipes already in --out are skipped.
"""
import argparse, json, math, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train import EpsilonCNN, to_input  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CACHE = os.path.join(ROOT, '.cache', 'cifar10')
BATCH = 32
# Fast-AT examples the page trains in 2 and 5 minutes; other methods get the same compute.
BUDGETS = {'2 min': 2560, '5 min': 6400}


def load_standard(name='standard'):
    """A shipped model's weights from models/<name> (tfjs layout, float16 in the file)."""
    spec = json.load(open(os.path.join(ROOT, 'models', name, 'model.json')))
    raw = open(os.path.join(ROOT, 'models', name, 'weights.bin'), 'rb').read()
    tensors, offset = {}, 0
    for w in (w for g in spec['weightsManifest'] for w in g['weights']):
        n = int(np.prod(w['shape']))
        stored = w.get('quantization', {}).get('dtype', w['dtype'])
        dt = {'float16': np.float16, 'float32': np.float32}[stored]
        tensors[w['name']] = np.frombuffer(raw, dt, n, offset).astype(np.float32).reshape(w['shape'])
        offset += n * np.dtype(dt).itemsize
    model = EpsilonCNN()
    convs = [m for m in model.features if isinstance(m, torch.nn.Conv2d)]
    bns = [m for m in model.features if isinstance(m, torch.nn.BatchNorm2d)]
    with torch.no_grad():
        for i, (conv, bn) in enumerate(zip(convs, bns)):
            conv.weight.copy_(torch.from_numpy(tensors[f'conv{i + 1}/kernel']).permute(3, 2, 0, 1))
            bn.weight.copy_(torch.from_numpy(tensors[f'bn{i + 1}/gamma']))
            bn.bias.copy_(torch.from_numpy(tensors[f'bn{i + 1}/beta']))
            bn.running_mean.copy_(torch.from_numpy(tensors[f'bn{i + 1}/moving_mean']))
            bn.running_var.copy_(torch.from_numpy(tensors[f'bn{i + 1}/moving_variance']))
            bn.eps = 1e-5  # tfjs's epsilon in the shipped config
        model.head.weight.copy_(torch.from_numpy(tensors['logits/kernel']).t())
        model.head.bias.copy_(torch.from_numpy(tensors['logits/bias']))
    return model.state_dict()


def load_data():
    manifest = json.load(open(os.path.join(ROOT, 'public', 'data', 'manifest.json')))['subsets']
    train_u8 = np.fromfile(os.path.join(CACHE, 'train-images.u8'), np.uint8).reshape(-1, 32, 32, 3)
    test_u8 = np.fromfile(os.path.join(CACHE, 'test-images.u8'), np.uint8).reshape(-1, 32, 32, 3)
    tr, ev = manifest['train'], manifest['eval']
    train_x = to_input(torch.from_numpy(train_u8[tr['sourceIndex']].copy()))
    eval_x = to_input(torch.from_numpy(test_u8[ev['sourceIndex'][:500]].copy()))
    return train_x, torch.tensor(tr['labels']), eval_x, torch.tensor(ev['labels'][:500])


def flip(x, gen):
    mask = torch.rand(x.shape[0], generator=gen) < 0.5
    return torch.where(mask[:, None, None, None], x.flip(3), x)


def linf_step(model, x, x_adv, y, eps, alpha, loss_fn=None):
    x_adv = x_adv.clone().requires_grad_(True)
    z = model(x_adv)
    loss = F.cross_entropy(z, y, reduction='sum') if loss_fn is None else loss_fn(z)
    grad, = torch.autograd.grad(loss, x_adv)
    return torch.min(torch.max(x_adv.detach() + alpha * grad.sign(), x - eps), x + eps).clamp(0, 1)


def pgd(model, x, y, eps, alpha, steps, random_start=True):
    x_adv = (x + (torch.rand_like(x) * 2 - 1) * eps).clamp(0, 1) if random_start else x.clone()
    for _ in range(steps):
        x_adv = linf_step(model, x, x_adv, y, eps, alpha)
    return x_adv.detach()


def trades_examples(model, x, eps, alpha, steps):
    with torch.no_grad():
        p_clean = F.softmax(model(x), 1)
    x_adv = (x + 0.001 * torch.randn_like(x)).clamp(0, 1)
    kl = lambda z: F.kl_div(F.log_softmax(z, 1), p_clean, reduction='sum')
    for _ in range(steps):
        x_adv = linf_step(model, x, x_adv, None, eps, alpha, kl)
    return x_adv.detach()


def evaluate(model, x, y, eps):
    """The page's held-out check: clean, and PGD-10 of step 2.5 eps / 10 from a random start."""
    model.eval()
    torch.manual_seed(1234)
    with torch.no_grad():
        clean = (model(x).argmax(1) == y).float()
    with torch.enable_grad():
        adv = pgd(model, x, y, eps, 2.5 * eps / 10, 10)
    with torch.no_grad():
        robust = (model(adv).argmax(1) == y).float()
    return clean, robust


# Cost of a step per image, in input-gradient passes, when the update's weight gradient costs w of them: Fast-AT one
# attack pass and the update; PGD-k k passes; TRADES-k k passes and an update on the clean and the adversarial batch;
# Free-AT (each replay) one update, which gives the input gradient too. w = 1 is the first sweep's assumption; the
# page's WASM bench (npm run bench:training -- --batch 32) measured w of about 3 once BatchNorm's gradient lost its Tile.
COSTS = {'fast': lambda r, w: 1 + w, 'pgd': lambda r, w: r['steps'] + w, 'trades': lambda r, w: r['steps'] + 2 * w, 'free': lambda r, w: w}


def passes_per_image(r, weight_cost=1.0):
    return COSTS[r['method']](r, weight_cost)


def finetune(state, data, r, fast_examples, after_update=None, weight_cost=1.0):
    """Trains a copy of the standard model on recipe r with the compute of `fast_examples` Fast-AT images;
    after_update(update, images seen, model) is called after every update (a checkpoint for a trajectory)."""
    gen = torch.Generator().manual_seed(r.get('seed', 0))
    torch.manual_seed(r.get('seed', 0))
    train_x, train_y = data[0], data[1]
    model = EpsilonCNN().to(memory_format=torch.channels_last)
    model.load_state_dict(state)
    learn = r.get('learn', 'all')
    for name, p in model.named_parameters():
        # 'bn': only BatchNorm's scale and shift learn (and the head): cheap to undo, little to break.
        p.requires_grad_(learn == 'all' or (learn == 'bn+head' and (p.dim() < 2 or name.startswith('head'))))
    params = [p for p in model.parameters() if p.requires_grad]
    kernels = [p for p in params if p.dim() >= 2]
    others = [p for p in params if p.dim() < 2]
    opt = torch.optim.SGD([{'params': kernels, 'weight_decay': r.get('wd', 5e-4)}, {'params': others, 'weight_decay': 0}],
                          lr=r['lr'], momentum=0.9, nesterov=True)
    examples = int(round(fast_examples * (1 + weight_cost) / passes_per_image(r, weight_cost) / BATCH)) * BATCH
    replays = r.get('replays', 1)
    updates = examples // BATCH  # Free-AT: each batch is replayed, every replay an update
    warm = round(r.get('warmup', 0.1) * updates)
    eps_target, method, share = r['eps'] / 255, r['method'], r.get('mix', 1.0)
    ramp = r.get('eps_ramp', 0)
    m = round(share * BATCH)
    order, pos, update, delta = torch.randperm(len(train_y), generator=gen), 0, 0, None
    while update < updates:
        if pos + BATCH > len(order):
            order, pos = torch.randperm(len(train_y), generator=gen), 0
        idx = order[pos:pos + BATCH]
        pos += BATCH
        x, y = flip(train_x[idx], gen), train_y[idx]
        for _ in range(replays if method == 'free' else 1):
            if update >= updates:
                break
            lr = r['lr'] * (update + 1) / warm if update < warm else r['lr'] * (1 + math.cos(math.pi * (update - warm) / max(1, updates - warm))) / 2
            for g in opt.param_groups:
                g['lr'] = lr
            eps = eps_target * min(1.0, (update + 1) / (ramp * updates)) if ramp > 0 else eps_target
            step = r.get('step', 1.25 * r['eps']) / 255 * (eps / eps_target)
            bn_train = not r.get('freeze_bn')
            if method == 'free':
                if delta is None:
                    delta = torch.zeros_like(x)
                delta = delta.clamp(-eps, eps)
                x_adv = ((x + delta).clamp(0, 1)).requires_grad_(True)
                model.train(bn_train)
                loss = F.cross_entropy(model(x_adv), y)
                opt.zero_grad(set_to_none=True)
                loss.backward()
                grad = x_adv.grad.detach()
                opt.step()
                delta = ((x + delta + step * grad.sign()).clamp(0, 1) - x).clamp(-eps, eps).detach()
                update += 1
                continue
            model.eval()
            if method in ('fast', 'pgd'):
                adv = pgd(model, x[:m], y[:m], eps, step, 1 if method == 'fast' else r['steps'], r.get('random_start', True))
            else:
                adv = trades_examples(model, x[:m], eps, step, r['steps'])
            model.train(bn_train)
            if method == 'trades':
                z = model(x)
                kl = F.kl_div(F.log_softmax(model(adv), 1), F.softmax(z[:m], 1), reduction='sum') / BATCH
                loss = F.cross_entropy(z, y) + r['beta'] * kl
            else:
                loss = F.cross_entropy(model(torch.cat([adv, x[m:]])), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            update += 1
            if after_update:
                after_update(update, update * BATCH, model)
            if not torch.isfinite(loss):
                return model, examples, False
    return model, examples, True


def recipes():
    """In the order they were run (the CPU allowed about twenty in a session); see the README of the results."""
    fast = lambda lr, eps, **k: {'method': 'fast', 'lr': lr, 'eps': eps, **k}
    out = [fast(0.025, 8), fast(0.025, 4, step=5)]  # today's page default, and the 4/255 mirror of the issue
    out += [fast(lr, 4) for lr in (0.01, 0.015, 0.035, 0.05)]
    # Catastrophic overfitting's recipe (Wong et al. 2020): FGSM from x, a large step, a high learning rate.
    out += [fast(0.05, 8, step=16, random_start=False)]
    out += [fast(0.02, 4, mix=0.75), fast(0.025, 4, warmup=0.3), fast(0.025, 4, eps_ramp=0.5)]
    out += [dict(method='free', lr=0.02, eps=4, step=4, replays=4), dict(method='trades', lr=0.025, eps=4, steps=2, step=2.5, beta=3)]
    out += [dict(method='pgd', lr=0.025, eps=4, steps=2, step=2.5), fast(0.025, 4, freeze_bn=True), fast(0.025, 4, learn='bn+head')]
    out += [fast(0.01, 8, mix=0.5), fast(0.025, 6)]
    return out


# The page's catastrophic-overfitting preset (src/state/trainingPresets.ts): FGSM from x at 16/255, full step, lr 0.01.
OVERFIT = {'method': 'fast', 'lr': 0.01, 'eps': 16, 'step': 16, 'random_start': False}
OVERFIT_IMAGES, OVERFIT_EVERY = 2560, 10
# Beside it, for comparison, the class default's first checks: a healthy run.
CLASS_DEFAULT = {'method': 'fast', 'lr': 0.025, 'eps': 4, 'step': 5}


def overfit_trajectory(out):
    """The preset's run with the page's periodic check every 10 updates: clean, FGSM (one step from x) and PGD-3
    (step 2.5 eps / 3, random start) on the first 500 held-out images, at the training eps; then the class default's
    run, checked the same way, on its own 2,560-image schedule."""
    for recipe in (OVERFIT, CLASS_DEFAULT):
        checked_run(out, recipe)


def checked_run(out, recipe):
    state, data = load_standard(), load_data()
    x, y = data[2], data[3]
    eps = recipe['eps'] / 255

    def check(update, seen, model):
        if update % OVERFIT_EVERY:
            return
        model.eval()
        torch.manual_seed(1234)
        with torch.no_grad():
            clean = (model(x).argmax(1) == y).float().mean().item()
        fgsm_x, pgd_x = pgd(model, x, y, eps, eps, 1, random_start=False), pgd(model, x, y, eps, 2.5 * eps / 3, 3)
        with torch.no_grad():
            fgsm = (model(fgsm_x).argmax(1) == y).float().mean().item()
            pgd3 = (model(pgd_x).argmax(1) == y).float().mean().item()
        model.train()
        row = dict(recipe=recipe, examples=seen, clean=clean, fgsm=fgsm, pgd3=pgd3)
        out.write(json.dumps(row) + '\n')
        out.flush()
        print(json.dumps(row), flush=True)

    finetune(state, data, recipe, OVERFIT_IMAGES, check)


def table(path):
    rows = [json.loads(l) for l in open(path)]
    print('| recipe | budget | images | clean | PGD-10 at train eps | PGD-10 at 8/255 |')
    print('| --- | --- | ---: | ---: | ---: | ---: |')
    for row in rows:
        r = dict(row['recipe'])
        name = ' '.join(f'{k}={v}' for k, v in r.items())
        print(f"| {name} | {row['budget']} | {row['examples']} | {100 * row['clean']:.1f} | {100 * row['pgd_train_eps']:.1f} | {100 * row['pgd_8']:.1f} |")


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--out', default='class_recipe_sweep.results.jsonl')
    p.add_argument('--table', help='print the results file as a Markdown table and stop')
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--only', type=int, nargs='*', help='recipe indices to run')
    p.add_argument('--budgets', help='the 2- and 5-minute budgets in Fast-AT images, e.g. 5440,13472 (what the page '
                   'trained on a faster day: npm run bench:browser, part d); default %s' % ','.join(map(str, BUDGETS.values())))
    p.add_argument('--weight-cost', type=float, default=1.0, help='an update\'s weight gradient in input-gradient passes '
                   '(equal compute across methods); 1 for the first sweep, about 3 measured on WASM later')
    p.add_argument('--shipped', action='store_true', help='print the shipped models\' figures on the same images and stop')
    p.add_argument('--overfit', help='write the catastrophic-overfitting preset\'s check trajectory to this file and stop')
    args = p.parse_args()
    if args.table:
        return table(args.table)
    if args.overfit:
        torch.set_num_threads(args.threads)
        with open(args.overfit, 'w') as f:
            return overfit_trajectory(f)
    if args.shipped:
        torch.set_num_threads(args.threads)
        data = load_data()
        for name in ('standard', 'robust'):
            model = EpsilonCNN().to(memory_format=torch.channels_last)
            model.load_state_dict(load_standard(name))
            for e in (4, 8):
                c, rb = evaluate(model, data[2], data[3], e / 255)
                print(json.dumps(dict(model=name, eps=e, clean=c.mean().item(), pgd10=rb.mean().item())), flush=True)
        return
    torch.set_num_threads(args.threads)
    budgets = BUDGETS if not args.budgets else dict(zip(BUDGETS, map(int, args.budgets.split(','))))
    state = load_standard()
    data = load_data()
    done = set()
    if os.path.exists(args.out):
        done = {json.dumps([json.loads(l)['recipe'], json.loads(l)['budget']], sort_keys=True) for l in open(args.out)}
    base = EpsilonCNN().to(memory_format=torch.channels_last)
    base.load_state_dict(state)
    for e in (4, 8):
        c, rb = evaluate(base, data[2], data[3], e / 255)
        print(f'standard model: clean {c.mean():.3f}, PGD-10 at {e}/255 {rb.mean():.3f} (500 images)', flush=True)
    with open(args.out, 'a') as f:
        for i, r in enumerate(recipes()):
            if args.only and i not in args.only:
                continue
            for budget, fast_examples in budgets.items():
                key = json.dumps([r, budget], sort_keys=True)
                if key in done:
                    continue
                s = time.time()
                model, seen, finite = finetune(state, data, r, fast_examples, weight_cost=args.weight_cost)
                clean, robust = evaluate(model, data[2], data[3], r['eps'] / 255)
                robust8 = robust if r['eps'] == 8 else evaluate(model, data[2], data[3], 8 / 255)[1]
                row = dict(recipe=r, budget=budget, examples=seen, weight_cost=args.weight_cost, finite=finite, clean=clean.mean().item(),
                           pgd_train_eps=robust.mean().item(), pgd_8=robust8.mean().item(), seconds=round(time.time() - s, 1))
                f.write(json.dumps(row) + '\n')
                f.flush()
                print(json.dumps(row), flush=True)


if __name__ == '__main__':
    main()
