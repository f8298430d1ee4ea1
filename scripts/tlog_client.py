#!/usr/bin/env python3
"""An independent C2SP tlog-tiles client, written from the public specifications only.

It knows nothing of Gatehouse: given a log (an http(s) URL prefix or a folder) and the
log's verifier key, it fetches the signed checkpoint and the tiles it needs and proves

  * that the checkpoint is signed by the key (c2sp.org/signed-note, Ed25519),
  * that the tree's root, recomputed from the tiles, is the checkpoint's,
  * that entry N is in the log (RFC 9162 §2.1.3: proof computed from tiles, then verified),
  * that the log extends an earlier checkpoint (RFC 9162 §2.1.4),
  * with --all, that every entry bundle hashes to its level-0 tile and every higher tile
    hash is the root of the full tile below it.

Specifications: c2sp.org/tlog-tiles, c2sp.org/tlog-checkpoint, c2sp.org/signed-note,
RFC 6962 §2.1 / RFC 9162 §2.1 (Merkle tree hashing and proofs). Requires the
`cryptography` package for Ed25519.

    python3 scripts/tlog_client.py --log http://127.0.0.1:18200 --vkey ledger.pub \\
        --entry 1234 --old-checkpoint old.txt

Exit status: 0 everything asked holds; 1 something does not (a signature, a proof, a
tile, a missing resource the checkpoint requires); 2 bad arguments or an unreachable log.
Output lines are `key value` pairs, so tests can read them; proofs are printed as
comma-separated lowercase hex.
"""

import argparse
import base64
import hashlib
import os
import sys
import urllib.error
import urllib.request

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

TILE_WIDTH = 256  # hashes per full tile
TILE_HEIGHT = 8  # tree levels per tile level


class Invalid(Exception):
    """What the log serves does not hold up (exit 1)."""


class Unusable(Exception):
    """The arguments or the log cannot be read (exit 2)."""


# --- RFC 6962 hashing -------------------------------------------------------------------


def leaf_hash(entry):
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(n):
    """The largest power of two strictly smaller than n (n > 1)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(hashes):
    """RFC 6962 Merkle Tree Hash of a list of leaf-level hashes."""
    if not hashes:
        return hashlib.sha256(b"").digest()
    if len(hashes) == 1:
        return hashes[0]
    k = split_point(len(hashes))
    return node_hash(mth(hashes[:k]), mth(hashes[k:]))


# --- signed notes and checkpoints ---------------------------------------------------------


class Verifier:
    """A signed-note verifier key: <name>+<8 hex key ID>+<base64(0x01 || Ed25519 key)>."""

    def __init__(self, text):
        parts = text.strip().split("+", 2)
        if len(parts) != 3:
            raise Unusable("a verifier key is NAME+KEYID+KEY")
        self.name, id_hex, key_b64 = parts
        if not self.name or any(c.isspace() for c in self.name):
            raise Unusable("the verifier key's name is empty or has spaces")
        try:
            key = base64.b64decode(key_b64, validate=True)
            self.key_id = bytes.fromhex(id_hex)
        except ValueError as error:
            raise Unusable(f"the verifier key does not decode: {error}")
        if len(key) != 33 or key[0] != 0x01 or len(self.key_id) != 4:
            raise Unusable("the verifier key is not an Ed25519 signed-note key")
        self.public_key = Ed25519PublicKey.from_public_bytes(key[1:])
        expected = hashlib.sha256(self.name.encode() + b"\n" + key).digest()[:4]
        if expected != self.key_id:
            raise Unusable("the verifier key's ID does not match its key")

    def verify_note(self, note):
        """The note's text, after checking a signature by this key."""
        if not note.endswith(b"\n"):
            raise Invalid("the note does not end with a newline")
        try:
            note.decode("utf-8")
        except UnicodeDecodeError:
            raise Invalid("the note is not UTF-8")
        if any(b < 0x20 and b != 0x0A for b in note):
            raise Invalid("the note has control characters")
        split = note.rfind(b"\n\n")
        if split < 0:
            raise Invalid("the note has no blank line before its signatures")
        text, signatures = note[: split + 1], note[split + 2 :]
        found = False
        for line in signatures.decode().split("\n")[:-1]:
            if not line.startswith("\u2014 "):
                raise Invalid(f"not a signature line: {line[:40]!r}")
            name, _, encoded = line[2:].rpartition(" ")
            try:
                raw = base64.b64decode(encoded, validate=True)
            except ValueError:
                raise Invalid("a signature is not base64")
            if name != self.name or raw[:4] != self.key_id:
                continue  # another key's signature (a witness, say): ignored
            try:
                self.public_key.verify(raw[4:], text)
            except InvalidSignature:
                raise Invalid(f"the signature by {self.name} does not verify")
            found = True
        if not found:
            raise Invalid(f"the note has no signature by {self.name}")
        return text


def parse_checkpoint(text):
    lines = text.decode().split("\n")[:-1]
    if len(lines) < 3:
        raise Invalid("a checkpoint has an origin, a size and a root line")
    origin, size_line, root_line = lines[0], lines[1], lines[2]
    if not size_line.isdigit() or (size_line != "0" and size_line.startswith("0")):
        raise Invalid("the checkpoint's size is not a decimal number")
    root = base64.b64decode(root_line, validate=True)
    if len(root) != 32:
        raise Invalid("the checkpoint's root is not 32 bytes")
    return origin, int(size_line), root


# --- tiles -------------------------------------------------------------------------------


def tile_index_path(n):
    groups = []
    while True:
        groups.append(n % 1000)
        n //= 1000
        if n == 0:
            break
    groups.reverse()
    return "/".join(("x%03d" if i < len(groups) - 1 else "%03d") % g for i, g in enumerate(groups))


def tile_path(level, index, width, entries=False):
    prefix = "tile/entries/" if entries else f"tile/{level}/"
    suffix = "" if width == TILE_WIDTH else f".p/{width}"
    return prefix + tile_index_path(index) + suffix


class TiledLog:
    """A log of `size` entries read through its tiles; every fetch is cached."""

    def __init__(self, location, size):
        self.location = location.rstrip("/")
        self.size = size
        self.tiles = {}
        self.fetches = 0

    def fetch(self, path):
        """The bytes at path, or None when the log has none (404 / no file)."""
        self.fetches += 1
        if self.location.startswith(("http://", "https://")):
            request = urllib.request.Request(f"{self.location}/{path}", headers={"Accept-Encoding": "identity"})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return response.read()
            except urllib.error.HTTPError as error:
                if error.code in (404, 410):
                    return None
                raise Unusable(f"{self.location}/{path} answered HTTP {error.code}")
            except urllib.error.URLError as error:
                raise Unusable(f"cannot fetch {self.location}/{path}: {error.reason}")
        file = os.path.join(self.location, path)
        if not os.path.isfile(file):
            return None
        with open(file, "rb") as handle:
            return handle.read()

    def width(self, level, index):
        """The width of tile (level, index) in this tree, 0 when it has no such tile."""
        count = self.size // (TILE_WIDTH**level)
        return max(0, min(TILE_WIDTH, count - index * TILE_WIDTH))

    def tile(self, level, index):
        """The hashes of tile (level, index) as this tree has it; a full tile stands in
        for a partial one the log no longer serves."""
        key = (level, index)
        if key not in self.tiles:
            width = self.width(level, index)
            if width == 0:
                raise Invalid(f"the tree of {self.size} has no tile {level}/{index}")
            data = self.fetch(tile_path(level, index, width))
            if data is None and width < TILE_WIDTH:
                data = self.fetch(tile_path(level, index, TILE_WIDTH))
                data = data[: 32 * width] if data is not None and len(data) == 32 * TILE_WIDTH else data
            if data is None:
                raise Invalid(f"the log does not serve {tile_path(level, index, width)}")
            if len(data) != 32 * width:
                raise Invalid(f"{tile_path(level, index, width)} has {len(data)} bytes, not {32 * width}")
            self.tiles[key] = [data[i : i + 32] for i in range(0, len(data), 32)]
        return self.tiles[key]

    def entries(self, index):
        """The entries of bundle `index`, checked against the level-0 tile."""
        width = self.width(0, index)
        data = self.fetch(tile_path(0, index, width, entries=True))
        if data is None and width < TILE_WIDTH:
            data = self.fetch(tile_path(0, index, TILE_WIDTH, entries=True))
        if data is None:
            raise Invalid(f"the log does not serve {tile_path(0, index, width, entries=True)}")
        result, offset = [], 0
        while offset < len(data) and len(result) < width:
            if offset + 2 > len(data):
                raise Invalid("an entry bundle ends inside a length")
            length = int.from_bytes(data[offset : offset + 2], "big")
            if offset + 2 + length > len(data):
                raise Invalid("an entry bundle ends inside an entry")
            result.append(data[offset + 2 : offset + 2 + length])
            offset += 2 + length
        if len(result) != width:
            raise Invalid(f"entry bundle {index} has {len(result)} entries, not {width}")
        return result

    def subtree(self, start, end):
        """MTH(D[start:end]) for any range of this tree, from tiles.

        An aligned range of 2^h leaves is a perfect subtree: at tree level h = 8·l + r it is
        the MTH of 2^r consecutive hashes of one tile at tile level l. Any other range is
        split as RFC 6962 §2.1 defines the hash.
        """
        n = end - start
        if n <= 0:
            raise ValueError("an empty range")
        if n & (n - 1) == 0 and start % n == 0:
            h = n.bit_length() - 1
            level, r = divmod(h, TILE_HEIGHT)
            first = (start >> h) << r  # index of the first hash at tree level 8·level
            hashes = self.tile(level, first // TILE_WIDTH)
            offset = first % TILE_WIDTH
            return mth(hashes[offset : offset + (1 << r)])
        k = split_point(n)
        return node_hash(self.subtree(start, start + k), self.subtree(start + k, end))

    def root(self):
        return mth([]) if self.size == 0 else self.subtree(0, self.size)

    # RFC 6962 §2.1.1: PATH(m, D[n])
    def inclusion_proof(self, m, start=0, end=None):
        end = self.size if end is None else end
        n = end - start
        if n == 1:
            return []
        k = split_point(n)
        if m < k:
            return self.inclusion_proof(m, start, start + k) + [self.subtree(start + k, end)]
        return self.inclusion_proof(m - k, start + k, end) + [self.subtree(start, start + k)]

    # RFC 6962 §2.1.2: PROOF(m, D[n]) = SUBPROOF(m, D[n], true)
    def consistency_proof(self, m, start=0, end=None, complete=True):
        end = self.size if end is None else end
        n = end - start
        if m == n:
            return [] if complete else [self.subtree(start, end)]
        k = split_point(n)
        if m <= k:
            return self.consistency_proof(m, start, start + k, complete) + [self.subtree(start + k, end)]
        return self.consistency_proof(m - k, start + k, end, False) + [self.subtree(start, start + k)]


# --- RFC 9162 verification ----------------------------------------------------------------


def verify_inclusion(index, size, leaf, proof, root):
    """RFC 9162 §2.1.3.2."""
    if index >= size:
        raise Invalid("the index is not below the size")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            raise Invalid("the inclusion proof is too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0 or r != root:
        raise Invalid(f"the inclusion proof of entry {index} does not lead to the checkpoint's root")


def verify_consistency(size1, size2, root1, root2, proof):
    """RFC 9162 §2.1.4.2."""
    if size1 > size2:
        raise Invalid("the first tree is larger than the second")
    if size1 == size2:
        if proof or root1 != root2:
            raise Invalid("two trees of one size must have one root and an empty proof")
        return
    if size1 == 0:
        if proof:
            raise Invalid("a proof from the empty tree is empty")
        return
    if not proof:
        raise Invalid("the consistency proof is empty")
    path = list(proof)
    if size1 & (size1 - 1) == 0:
        path.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise Invalid("the consistency proof is too long")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0 or fr != root1 or sr != root2:
        raise Invalid(f"the log of {size2} entries is not consistent with the checkpoint of {size1}")


# --- the checks ----------------------------------------------------------------------------


def audit_all(log):
    """Every bundle hashes to its level-0 tile; every upper tile hash is the MTH of the
    full tile below it; the root is recomputed from the level-0 tiles alone."""
    leaves = []
    for index in range((log.size + TILE_WIDTH - 1) // TILE_WIDTH):
        tile = log.tile(0, index)
        for offset, entry in enumerate(log.entries(index)):
            if leaf_hash(entry) != tile[offset]:
                raise Invalid(f"entry {index * TILE_WIDTH + offset} does not hash to tile 0/{index}")
        leaves.extend(tile)
    level = 1
    while log.size >= TILE_WIDTH**level:
        for index in range((log.size // TILE_WIDTH**level + TILE_WIDTH - 1) // TILE_WIDTH):
            for offset, value in enumerate(log.tile(level, index)):
                below = log.tile(level - 1, index * TILE_WIDTH + offset)
                if len(below) != TILE_WIDTH or mth(below) != value:
                    raise Invalid(f"hash {offset} of tile {level}/{index} is not the root of the tile below")
        level += 1
    if mth(leaves) != log.root():
        raise Invalid("the root from the leaves differs from the root from the tiles")
    return len(leaves)


def main(argv):
    parser = argparse.ArgumentParser(description="Verify a C2SP tlog-tiles log with nothing but its public key.")
    parser.add_argument("--log", required=True, help="the log's URL prefix (http/https) or folder")
    parser.add_argument("--vkey", required=True, help="the verifier key, or a file holding it")
    parser.add_argument("--entry", type=int, action="append", default=[], help="prove entry N is in the log")
    parser.add_argument("--old-checkpoint", help="prove the log extends this earlier checkpoint file")
    parser.add_argument("--all", action="store_true", help="check every entry bundle and tile")
    parser.add_argument("--save-checkpoint", help="write the verified checkpoint to this file")
    args = parser.parse_args(argv)
    try:
        vkey = args.vkey
        if os.path.isfile(vkey):
            with open(vkey) as handle:
                vkey = handle.read()
        verifier = Verifier(vkey)
        probe = TiledLog(args.log, 0)
        note = probe.fetch("checkpoint")
        if note is None:
            raise Unusable(f"no checkpoint at {args.log}")
        origin, size, root = parse_checkpoint(verifier.verify_note(note))
        print(f"checkpoint {origin} {size} {root.hex()}")
        log = TiledLog(args.log, size)
        if log.root() != root:
            raise Invalid("the root recomputed from the tiles is not the checkpoint's")
        print("root ok")
        for index in args.entry:
            if not 0 <= index < size:
                raise Unusable(f"entry {index} is not in a log of {size} entries")
            entry = log.entries(index // TILE_WIDTH)[index % TILE_WIDTH]
            leaf = leaf_hash(entry)
            proof = log.inclusion_proof(index)
            verify_inclusion(index, size, leaf, proof, root)
            print(f"inclusion {index} {leaf.hex()} {','.join(p.hex() for p in proof)}")
        if args.old_checkpoint:
            with open(args.old_checkpoint, "rb") as handle:
                old_origin, old_size, old_root = parse_checkpoint(verifier.verify_note(handle.read()))
            if old_origin != origin:
                raise Invalid(f"the old checkpoint is of {old_origin}, not {origin}")
            if old_size > size:
                raise Invalid(f"the log now has {size} entries, fewer than the old checkpoint's {old_size}")
            proof = log.consistency_proof(old_size) if 0 < old_size < size else []
            verify_consistency(old_size, size, old_root, root, proof)
            print(f"consistency {old_size} {size} {','.join(p.hex() for p in proof)}")
        if args.all:
            print(f"audit {audit_all(log)} entries")
        if args.save_checkpoint:
            with open(args.save_checkpoint, "wb") as handle:
                handle.write(note)
        print(f"fetches {log.fetches + probe.fetches}")
        print("valid")
        return 0
    except Invalid as error:
        print(f"invalid: {error}")
        return 1
    except Unusable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
