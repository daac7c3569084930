import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isLedgerLogError } from './errors.js';
import {
  checkConsistency,
  consistencyProof,
  decomposeRange,
  emptyRoot,
  hashChildren,
  hashLeaf,
  inclusionProof,
  planConsistencyProof,
  planInclusionProof,
  planNodes,
  rootFromInclusionProof,
  treeHash,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type TreeStore,
} from './merkle.js';
import { fromHex, toHex } from './test-helpers.js';

// Reference vectors published with RFC 6962 implementations (Certificate Transparency,
// transparency-dev/merkle testonly and proof packages): eight leaves and the roots of every prefix.
const LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(fromHex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const LEAF_HASHES = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];
// Published inclusion paths: [leaf index (0-based), tree size, path].
const INCLUSION: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
// Published consistency proofs: [old size, new size, proof].
const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    6,
    7,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

const leafHashes = LEAVES.map(hashLeaf);
const getLeafHash = (i: number): Hash => leafHashes[i]!;
const root = (size: number): Hash => fromHex(ROOTS[size]!);
const hexes = (hashes: readonly Hash[]): string[] => hashes.map(toHex);
const SOME_HASH = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456');

describe('RFC 6962 hashing', () => {
  it('hashes the reference leaves with the 0x00 prefix', () => {
    expect(hexes(leafHashes)).toEqual(LEAF_HASHES);
  });

  it('gives the published root for every prefix of the reference tree, including the empty tree', () => {
    for (let size = 0; size <= 8; size += 1) {
      expect(toHex(treeHash(size, getLeafHash)), `size ${size}`).toBe(ROOTS[size]);
    }
    expect(toHex(emptyRoot())).toBe(ROOTS[0]);
  });

  it('hashes interior nodes with the 0x01 prefix', () => {
    expect(toHex(hashChildren(leafHashes[0]!, leafHashes[1]!))).toBe(ROOTS[2]);
  });

  it('hashes leaves longer than the scratch buffer the same way as short ones', () => {
    const long = new Uint8Array(5000).fill(7);
    // Independent of merkle.ts: the streaming API rather than the one-shot digest it uses.
    const expected = createHash('sha256')
      .update(Buffer.from([0]))
      .update(long)
      .digest('hex');
    expect(toHex(hashLeaf(long))).toBe(expected);
  });
});

describe('inclusion proofs against the published vectors', () => {
  it.each(INCLUSION)('builds and verifies the path of leaf %i in a tree of %i', (index, size, path) => {
    const proof = inclusionProof(index, size, getLeafHash);
    expect(hexes(proof)).toEqual(path);
    expect(verifyInclusion(leafHashes[index]!, index, size, proof, root(size))).toBe(true);
  });

  it.each(INCLUSION.filter(([, , path]) => path.length > 0))(
    'rejects every corruption of the path of leaf %i in a tree of %i',
    (index, size, path) => {
      const proof = path.map(fromHex);
      const leaf = leafHashes[index]!;
      const r = root(size);
      const probes: [string, boolean][] = [
        ['index - 1', verifyInclusion(leaf, index - 1, size, proof, r)],
        ['index + 1', verifyInclusion(leaf, index + 1, size, proof, r)],
        ['index ^ 2', verifyInclusion(leaf, index ^ 2, size, proof, r)],
        ['size * 2', verifyInclusion(leaf, index, size * 2, proof, r)],
        ['size / 2', verifyInclusion(leaf, index, Math.floor(size / 2), proof, r)],
        ['wrong leaf', verifyInclusion(Buffer.from('WrongLeaf'), index, size, proof, r)],
        ['empty root', verifyInclusion(leaf, index, size, proof, emptyRoot())],
        ['random root', verifyInclusion(leaf, index, size, proof, SOME_HASH)],
        ['trailing garbage', verifyInclusion(leaf, index, size, [...proof, new Uint8Array(0)], r)],
        ['trailing root', verifyInclusion(leaf, index, size, [...proof, r], r)],
        ['preceding garbage', verifyInclusion(leaf, index, size, [new Uint8Array(0), ...proof], r)],
        ['preceding root', verifyInclusion(leaf, index, size, [r, ...proof], r)],
        ['removed component', verifyInclusion(leaf, index, size, proof.slice(0, -1), r)],
        [
          'inserted component',
          verifyInclusion(leaf, index, size, [proof[0]!, SOME_HASH, ...proof.slice(1)], r),
        ],
      ];
      expect(probes.filter(([, accepted]) => accepted).map(([name]) => name)).toEqual([]);
    },
  );

  it('refuses a proof for an index outside the tree', () => {
    for (const [index, size] of [
      [0, 0],
      [1, 1],
      [2, 1],
      [8, 7],
    ] as const) {
      expect(verifyInclusion(SOME_HASH, index, size, [], emptyRoot())).toBe(false);
      expect(() => planInclusionProof(index, size)).toThrowError(/below the tree size/);
    }
  });

  it('accepts a single-leaf tree only when the leaf hash is the root', () => {
    const hash = hashLeaf(Buffer.from('data'));
    expect(verifyInclusion(hash, 0, 1, [], hash)).toBe(true);
    expect(verifyInclusion(hash, 0, 1, [], new Uint8Array(0))).toBe(false);
    expect(verifyInclusion(new Uint8Array(0), 0, 1, [], hash)).toBe(false);
    expect(rootFromInclusionProof(new Uint8Array(0), 0, 1, [])).toBeUndefined();
  });
});

describe('consistency proofs against the published vectors', () => {
  it.each(CONSISTENCY)('builds and verifies the proof from size %i to %i', (oldSize, newSize, expected) => {
    const proof = consistencyProof(oldSize, newSize, getLeafHash);
    expect(hexes(proof)).toEqual(expected);
    expect(verifyConsistency(oldSize, newSize, root(oldSize), root(newSize), proof)).toBe(true);
  });

  it.each(CONSISTENCY.filter(([, , p]) => p.length > 0))(
    'rejects every corruption of the proof from size %i to %i',
    (oldSize, newSize, expected) => {
      const proof = expected.map(fromHex);
      const [r1, r2] = [root(oldSize), root(newSize)];
      const wrong = Buffer.from('WrongRoot');
      const check = (s1: number, s2: number, a: Hash, b: Hash, p: Hash[]): boolean =>
        verifyConsistency(s1, s2, a, b, p);
      const probes: [string, boolean][] = [
        ['size1 - 1', check(oldSize - 1, newSize, r1, r2, proof)],
        ['size1 + 1', check(oldSize + 1, newSize, r1, r2, proof)],
        ['size1 ^ 2', check(oldSize ^ 2, newSize, r1, r2, proof)],
        ['size2 * 2', check(oldSize, newSize * 2, r1, r2, proof)],
        ['size2 / 2', check(oldSize, Math.floor(newSize / 2), r1, r2, proof)],
        ['wrong root1', check(oldSize, newSize, wrong, r2, proof)],
        ['wrong root2', check(oldSize, newSize, r1, wrong, proof)],
        ['swapped roots', check(oldSize, newSize, r2, r1, proof)],
        ['empty proof', check(oldSize, newSize, r1, r2, [])],
        ['trailing garbage', check(oldSize, newSize, r1, r2, [...proof, new Uint8Array(0)])],
        ['trailing root1', check(oldSize, newSize, r1, r2, [...proof, r1])],
        ['trailing root2', check(oldSize, newSize, r1, r2, [...proof, r2])],
        ['preceding garbage', check(oldSize, newSize, r1, r2, [new Uint8Array(0), ...proof])],
        ['preceding root1', check(oldSize, newSize, r1, r2, [r1, ...proof])],
        ['preceding root2', check(oldSize, newSize, r1, r2, [r2, ...proof])],
        ['preceding proof[0]', check(oldSize, newSize, r1, r2, [proof[0]!, ...proof])],
        ['truncated proof', check(oldSize, newSize, r1, r2, proof.slice(0, -1))],
      ];
      expect(probes.filter(([, accepted]) => accepted).map(([name]) => name)).toEqual([]);
    },
  );

  it('decides the trivial cases the way RFC 9162 implementations do', () => {
    const r1 = hashLeaf(Buffer.from('one'));
    const r2 = hashLeaf(Buffer.from('two'));
    const empty = emptyRoot();
    const cases: [number, number, Hash, Hash, Hash[], boolean][] = [
      [0, 0, r1, r2, [], false],
      [1, 1, r1, r2, [], false],
      [0, 0, r1, r1, [], true],
      [0, 1, r1, r2, [], true],
      [1, 1, r2, r2, [], true],
      [1, 0, r1, r2, [], false],
      [2, 1, r1, r2, [], false],
      [1, 2, r1, r2, [], false],
      [0, 0, empty, empty, [empty], false],
      [0, 1, empty, empty, [empty], false],
      [1, 1, empty, empty, [empty], false],
    ];
    for (const [s1, s2, a, b, p, ok] of cases) {
      expect(verifyConsistency(s1, s2, a, b, p), `${s1}→${s2}`).toBe(ok);
    }
  });

  it('refuses to plan a proof to a smaller tree', () => {
    let caught: unknown;
    try {
      planConsistencyProof(9, 8);
    } catch (error) {
      caught = error;
    }
    expect(isLedgerLogError(caught, 'MERKLE_INVALID_RANGE')).toBe(true);
  });
});

describe('fork evidence', () => {
  const honest = Array.from({ length: 13 }, (_, i) => hashLeaf(Buffer.from(`entry ${i}`)));
  const forked = honest.map((h, i) => (i === 3 ? hashLeaf(Buffer.from('rewritten entry 3')) : h));

  it('calls equal sizes with different roots a fork', () => {
    const verdict = checkConsistency(
      10,
      10,
      treeHash(10, (i) => honest[i]!),
      treeHash(10, (i) => forked[i]!),
      [],
    );
    expect(verdict).toBe('fork');
  });

  it('calls a valid proof of a rewritten prefix a fork rather than a bad proof', () => {
    const oldRoot = treeHash(6, (i) => honest[i]!);
    const proof = consistencyProof(6, 13, (i) => forked[i]!);
    expect(
      checkConsistency(
        6,
        13,
        oldRoot,
        treeHash(13, (i) => forked[i]!),
        proof,
      ),
    ).toBe('fork');
  });

  it('calls a proof that does not reach the new root an invalid proof', () => {
    const oldRoot = treeHash(6, (i) => honest[i]!);
    const proof = consistencyProof(6, 13, (i) => honest[i]!);
    expect(checkConsistency(6, 13, oldRoot, SOME_HASH, proof)).toBe('invalid-proof');
  });
});

describe('proof plans for a storage-backed tree', () => {
  it('decomposes a right-edge range into perfect subtrees, largest first', () => {
    expect(decomposeRange(8, 15)).toEqual([
      { level: 2, index: 2 },
      { level: 1, index: 6 },
      { level: 0, index: 14 },
    ]);
  });

  it('needs O(log n) stored subtrees for a proof in a tree of a million leaves', () => {
    const plan = planInclusionProof(654_321, 1_000_003);
    expect(plan.length).toBeLessThanOrEqual(21);
    expect(planNodes(plan).length).toBeLessThanOrEqual(2 * 21);
    expect(planNodes(planConsistencyProof(999_999, 1_000_003)).length).toBeLessThanOrEqual(2 * 21);
  });

  it('reads only cached subtrees from a store that caches them', () => {
    let leafReads = 0;
    const size = 1 << 12;
    const level = (l: number): Hash => {
      let h = hashLeaf(Buffer.from('same'));
      for (let i = 0; i < l; i += 1) h = hashChildren(h, h);
      return h;
    };
    const store: TreeStore = {
      leafHash: () => {
        leafReads += 1;
        return level(0);
      },
      subtreeHash: (l) => level(l),
    };
    const proof = inclusionProof(1234, size, store);
    expect(proof).toHaveLength(12);
    expect(leafReads).toBe(1);
    expect(verifyInclusion(level(0), 1234, size, proof, treeHash(size, store))).toBe(true);
  });

  it('keeps index arithmetic exact for tree sizes far beyond 2^32', () => {
    // Every leaf equal, so a perfect subtree at level l hashes to z_l: a 2^45-leaf tree costs O(log n).
    const z: Hash[] = [hashLeaf(Buffer.from('z'))];
    for (let l = 1; l <= 53; l += 1) z.push(hashChildren(z[l - 1]!, z[l - 1]!));
    const store: TreeStore = { leafHash: () => z[0]!, subtreeHash: (l) => z[l] };
    const size = 2 ** 45 + 2 ** 33 + 5;
    const index = 2 ** 45 + 2 ** 32 + 3;
    const proof = inclusionProof(index, size, store);
    expect(verifyInclusion(z[0]!, index, size, proof, treeHash(size, store))).toBe(true);
    expect(verifyInclusion(z[0]!, index, size - 1, proof, treeHash(size - 1, store))).toBe(false);
    const oldSize = 2 ** 40 + 7;
    const cproof = consistencyProof(oldSize, size, store);
    expect(verifyConsistency(oldSize, size, treeHash(oldSize, store), treeHash(size, store), cproof)).toBe(
      true,
    );
    expect(
      verifyConsistency(oldSize + 1, size, treeHash(oldSize, store), treeHash(size, store), cproof),
    ).toBe(false);
  });
});
