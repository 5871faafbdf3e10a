#!/usr/bin/env node
// Finds import cycles between the modules of a Rust crate, with no tool beyond Node.
//
//   node scripts/module-cycles.mjs engine/src src      # each crate's source root
//   node scripts/module-cycles.mjs --edges engine/src  # also print every edge
//   node scripts/module-cycles.mjs --tests engine/src  # count the edges of #[cfg(test)] modules too
//
// A node is a file's module (`a/b.rs` and `a/b/mod.rs` are `a::b`; inline `mod x { }` blocks fold
// into their file). An edge is every `crate::…` or `super::…` path in code (comments and string
// literals removed), resolved to the longest module it names; a name the crate root re-exports
// (`pub use a::b::Name;` in lib.rs) resolves to the module it comes from. Cycles are the strongly
// connected components with more than one module; they are printed per module and per top-level
// folder. Exits 1 when a module-level cycle remains. `cargo modules` does the same with rustc's
// own resolution; it is not installed here, and this reads only what the imports spell.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const args = process.argv.slice(2);
const showEdges = args.includes('--edges');
const withTests = args.includes('--tests');
const roots = args.filter((a) => !a.startsWith('--'));
if (roots.length === 0) {
  console.error('usage: node scripts/module-cycles.mjs [--edges] [--tests] <crate src dir>...');
  process.exit(2);
}

function rsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return rsFiles(path);
    return name.endsWith('.rs') ? [path] : [];
  });
}

function moduleOf(root, file) {
  const parts = relative(root, file).split(sep);
  const last = parts.pop().replace(/\.rs$/, '');
  if (!['lib', 'main', 'mod'].includes(last) || parts.length === 0 && last === 'mod') parts.push(last);
  return parts.join('::'); // '' is the crate root
}

// Comments and literals out, keeping line structure; what is left is code.
function codeOnly(text) {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const two = text.slice(i, i + 2);
    if (two === '//') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (two === '/*') {
      let depth = 0;
      do {
        if (text.slice(i, i + 2) === '/*') { depth++; i += 2; }
        else if (text.slice(i, i + 2) === '*/') { depth--; i += 2; }
        else i++;
      } while (depth > 0 && i < text.length);
    } else if (/^r#*"/.test(text.slice(i, i + 8)) && !/[A-Za-z0-9_]/.test(text[i - 1] ?? '')) {
      const hashes = text.slice(i + 1).match(/^#*/)[0];
      const end = text.indexOf('"' + hashes, i + 2 + hashes.length);
      i = end < 0 ? text.length : end + 1 + hashes.length;
      out += '""';
    } else if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      out += '""';
    } else if (text[i] === "'" && /^'(\\.|[^\\'])'/.test(text.slice(i, i + 12)) ||
               text[i] === "'" && /^'\\u\{[0-9a-fA-F]+\}'/.test(text.slice(i, i + 12))) {
      i = text.indexOf("'", i + 2) + 1;
      out += "' '";
    } else {
      out += text[i++];
    }
  }
  return out;
}

// Each `crate::` / `super::` path in `code` with the inline module it sits in, use-groups expanded.
function pathsIn(code) {
  const found = [];
  const stack = []; // inline modules: { name, depth, test }
  let depth = 0;
  let pendingTest = false;
  const tokens = code.match(/#\s*\[[^\]]*\]|[A-Za-z_][A-Za-z0-9_]*|::|[{}();,*]|\S/g) ?? [];
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t];
    if (tok.startsWith('#')) {
      if (/cfg\s*\(\s*test\s*\)/.test(tok)) pendingTest = true;
      continue;
    }
    if (tok === 'mod' && /^[A-Za-z_]/.test(tokens[t + 1] ?? '') && tokens[t + 2] === '{') {
      const inTest = pendingTest || stack.some((m) => m.test);
      stack.push({ name: tokens[t + 1], depth: depth + 1, test: inTest });
      depth++;
      t += 2;
      pendingTest = false;
      continue;
    }
    if (tok === '{') { depth++; continue; }
    if (tok === '}') {
      if (stack.length && stack[stack.length - 1].depth === depth) stack.pop();
      depth--;
      continue;
    }
    if (tok === ';') pendingTest = false;
    const startsPath = (tok === 'crate' || tok === 'super' || tok === 'self') && tokens[t + 1] === '::' &&
      tokens[t - 1] !== '::';
    if (!startsPath) continue;
    const inTest = stack.some((m) => m.test);
    const inline = stack.map((m) => m.name);
    // Parse a use-tree from tokens[t]: seg (:: seg)* (:: { tree, tree })?
    const parseTree = (i, prefix) => {
      const segs = [...prefix];
      while (/^[A-Za-z_]/.test(tokens[i] ?? '')) {
        segs.push(tokens[i]);
        if (tokens[i + 1] !== '::') return [[segs], i + 1];
        i += 2;
      }
      if (tokens[i] === '{') {
        const leaves = [];
        i++;
        while (i < tokens.length && tokens[i] !== '}') {
          if (tokens[i] === ',') { i++; continue; }
          if (tokens[i] === '*' || tokens[i] === 'self') { leaves.push(segs); i++; continue; }
          const [sub, next] = parseTree(i, segs);
          leaves.push(...sub);
          i = next;
          if (tokens[i] === 'as') i += 2;
        }
        return [leaves, i + 1];
      }
      return [[segs], i + (tokens[i] === '*' ? 1 : 0)];
    };
    const [leaves] = parseTree(t, []);
    for (const segs of leaves) found.push({ segs, inline, inTest });
  }
  return found;
}

let anyCycle = false;
for (const root of roots) {
  const files = rsFiles(root);
  const modules = new Map(files.map((f) => [moduleOf(root, f), f]));
  const code = new Map([...modules].map(([m, f]) => [m, codeOnly(readFileSync(f, 'utf8'))]));

  const longestModule = (segs) => {
    for (let n = segs.length; n > 0; n--) {
      const name = segs.slice(0, n).join('::');
      if (modules.has(name)) return { module: name, rest: segs.slice(n) };
    }
    return { module: '', rest: segs };
  };

  // What the crate root re-exports by name: `pub use a::b::{X, Y};` maps X and Y to a::b, and
  // `pub use a::*;` maps each name a declares or re-exports to a.
  const reexports = new Map();
  const declared = (text) => [
    ...text.matchAll(/pub(?:\([^)]*\))?\s+(?:struct|enum|fn|const|static|type|trait|mod)\s+([A-Za-z_][A-Za-z0-9_]*)/g),
  ].map((x) => x[1]);
  for (const [m, text] of code) {
    if (m !== '') continue;
    for (const stmt of text.match(/pub\s+use\s+[^;]+;/g) ?? []) {
      const body = stmt.replace(/^pub\s+use\s+/, 'crate::');
      const glob = /::\*\s*;$/.test(stmt);
      for (const { segs } of pathsIn(body)) {
        const target = longestModule(segs.slice(1));
        if (!target.module) continue;
        if (glob) {
          const names = declared(code.get(target.module));
          for (const { segs: re } of pathsIn(code.get(target.module).match(/pub\s+use\s+[^;]+;/g)?.join('\n') ?? '')) {
            names.push(re[re.length - 1]);
          }
          for (const name of names) if (!reexports.has(name)) reexports.set(name, target.module);
        } else if (segs.length > 1) {
          reexports.set(segs[segs.length - 1], target.module);
        }
      }
    }
  }

  const edges = new Map([...modules.keys()].map((m) => [m, new Set()]));
  const via = new Map();
  for (const [m, text] of code) {
    if (m === '') continue; // the root declares and re-exports; it is not a layer of its own
    for (const { segs, inline, inTest } of pathsIn(text)) {
      if (inTest && !withTests) continue;
      let absolute;
      if (segs[0] === 'crate') absolute = segs.slice(1);
      else {
        // self:: and super:: count from the inline module they are written in.
        const here = [...(m ? m.split('::') : []), ...inline];
        let i = 0;
        if (segs[0] === 'self') i = 1;
        while (segs[i] === 'super') { here.pop(); i++; }
        absolute = [...here, ...segs.slice(i)];
      }
      let { module: target, rest } = longestModule(absolute);
      if (target === '' && rest.length && reexports.has(rest[0])) target = reexports.get(rest[0]);
      if (target === '' || target === m) continue;
      edges.get(m).add(target);
      via.set(`${m} -> ${target}`, absolute.join('::'));
    }
  }

  // Tarjan's strongly connected components.
  const sccs = (graph) => {
    let index = 0;
    const idx = new Map(), low = new Map(), onStack = new Set(), stack = [], out = [];
    const visit = (v) => {
      idx.set(v, index); low.set(v, index); index++;
      stack.push(v); onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v), low.get(w))); }
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
      }
      if (low.get(v) === idx.get(v)) {
        const comp = [];
        let w;
        do { w = stack.pop(); onStack.delete(w); comp.push(w); } while (w !== v);
        if (comp.length > 1) out.push(comp.sort());
      }
    };
    for (const v of graph.keys()) if (!idx.has(v)) visit(v);
    return out;
  };

  const folders = new Map();
  for (const [from, tos] of edges) {
    if (!from) continue;
    const f = from.split('::')[0];
    if (!folders.has(f)) folders.set(f, new Set());
    for (const to of tos) if (to.split('::')[0] !== f) folders.get(f).add(to.split('::')[0]);
  }

  const edgeCount = [...edges.values()].reduce((n, s) => n + s.size, 0);
  console.log(`${root}: ${modules.size - 1} modules, ${edgeCount} edges${withTests ? ' (with tests)' : ''}`);
  if (showEdges) {
    for (const [from, tos] of [...edges].sort()) {
      if (tos.size) console.log(`  ${from} -> ${[...tos].sort().join(', ')}`);
    }
  }
  const moduleCycles = sccs(edges);
  for (const comp of moduleCycles) {
    anyCycle = true;
    console.log(`  CYCLE between modules: ${comp.join(', ')}`);
    for (const a of comp) {
      for (const b of edges.get(a)) if (comp.includes(b)) console.log(`    ${a} -> ${b}  (${via.get(`${a} -> ${b}`)})`);
    }
  }
  const folderCycles = sccs(folders);
  for (const comp of folderCycles) {
    console.log(`  cycle between top-level folders: ${comp.join(', ')}`);
    for (const a of comp) {
      for (const b of folders.get(a)) if (comp.includes(b)) console.log(`    ${a} -> ${b}`);
    }
  }
  if (!moduleCycles.length) console.log('  no cycle between modules');
  if (!folderCycles.length) console.log('  no cycle between top-level folders');
}
process.exit(anyCycle ? 1 : 0);
