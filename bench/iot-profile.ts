/**
 * CPU profile of a stretch of the IoT benchmark (`IOT_BENCH_CPU_PROFILE=/tmp/iot.cpuprofile`): the inspector's
 * sampling profiler runs only while devices publish, so set-up and the baseline stay out of the figures. Open the
 * file in Chrome DevTools, or summarise it with `npx tsx bench/iot-profile.ts /tmp/iot.cpuprofile`.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Starts sampling when a path is given; the returned function stops and writes the profile. */
export async function startCpuProfile(path: string | undefined): Promise<() => Promise<void>> {
  if (!path) return () => Promise.resolve();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(path, JSON.stringify(profile));
    session.disconnect();
  };
}

/** Where a frame's code lives, as a short category: our modules, a package, or the runtime. */
function category(url: string, name: string): string {
  if (!url)
    return name === '(garbage collector)' || name === '(idle)' || name === '(program)' ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const src = /\/(src|bench)\/(.*)$/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  if (url.startsWith('node:')) return url;
  return url;
}

/** Self time by category and by function, and total (inclusive) time of our own functions. */
export function summarise(profile: Profile, top = 40): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + dt);
    total += dt;
  }
  const byCat = new Map<string, number>();
  const byFn = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id)!;
    const cat = category(n.callFrame.url, n.callFrame.functionName);
    byCat.set(cat, (byCat.get(cat) ?? 0) + t);
    const fn = `${n.callFrame.functionName || '(anon)'} ${cat}:${n.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame;
      if (!/\/src\//.test(f.url)) continue;
      const key = `${f.functionName || '(anon)'} ${category(f.url, f.functionName)}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + t);
    }
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, t]) => `${pct(t)}  ${k}`)
      .join('\n');
  return [
    `sampled ${(total / 1e6).toFixed(1)} s`,
    '--- self time by package / file',
    list(byCat),
    '--- self time by function',
    list(byFn),
    '--- inclusive time of src/ functions',
    list(inclusive),
  ].join('\n');
}

if (process.argv[1]?.endsWith('iot-profile.ts') && process.argv[2]) {
  const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Profile;
  process.stdout.write(`${summarise(profile, Number(process.argv[3] ?? 40))}\n`);
}
