/**
 * The site's fetch host (fetchSource): index.json asked for fresh, the content-hashed files kept in
 * Cache Storage and read from there by the next engine, an earlier manifest's store deleted, and
 * plain fetches where Cache Storage is missing or refuses. fetch and caches are stand-ins here
 * (Node has no Cache Storage); the browser tests run the real ones.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import { fetchSource } from "../../../core/search/engine.ts";

/** A server of a few files, counting what was asked of it and how. */
function server(files: Record<string, string>) {
  const asked: Array<[string, RequestCache | undefined]> = [];
  const fetchStub = async (url: string, init: RequestInit = {}) => {
    asked.push([url, init.cache]);
    const body = files[url];
    return body === undefined ? new Response(null, { status: 404 }) : new Response(body);
  };
  return { asked, fetchStub };
}

/** Cache Storage in memory. */
function cacheStorage() {
  const stores = new Map<string, Map<string, Response>>();
  const open = async (name: string) => {
    let s = stores.get(name);
    if (!s) {
      s = new Map();
      stores.set(name, s);
    }
    const store = s;
    return {
      match: async (url: string) => store.get(url)?.clone(),
      put: async (url: string, res: Response) => {
        store.set(url, new Response(await res.arrayBuffer()));
      },
    };
  };
  return {
    stores,
    api: {
      open,
      keys: async () => [...stores.keys()],
      delete: async (name: string) => stores.delete(name),
    },
  };
}

const text = async (b: Uint8Array) => new TextDecoder().decode(b);
/** Puts are not awaited by the source: let them land. */
const settle = () => new Promise((ok) => setTimeout(ok, 0));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("fetchSource", () => {
  test("hashed files are kept in Cache Storage and read from there by the next engine; index.json is always asked for fresh", async () => {
    const { asked, fetchStub } = server({ "/s/index.json": "m1", "/s/p/1.ab.bin.gz": "bucket" });
    const cs = cacheStorage();
    vi.stubGlobal("fetch", fetchStub);
    vi.stubGlobal("caches", cs.api);
    const first = fetchSource("/s");
    expect(await text(await first.get("index.json"))).toBe("m1");
    expect(await text(await first.get("p/1.ab.bin.gz"))).toBe("bucket");
    await settle();
    const second = fetchSource("/s/");
    await second.get("index.json");
    expect(await text(await second.get("p/1.ab.bin.gz"))).toBe("bucket");
    expect(asked).toEqual([
      ["/s/index.json", "no-cache"],
      ["/s/p/1.ab.bin.gz", undefined],
      ["/s/index.json", "no-cache"],
    ]);
  });

  test("a new manifest starts a new store and the earlier one is deleted", async () => {
    const files: Record<string, string> = { "/s/index.json": "m1", "/s/t-1/0.json.gz": "rows" };
    const { fetchStub } = server(files);
    const cs = cacheStorage();
    vi.stubGlobal("fetch", fetchStub);
    vi.stubGlobal("caches", cs.api);
    const a = fetchSource("/s/");
    await a.get("index.json");
    await a.get("t-1/0.json.gz");
    await settle();
    expect(cs.stores.size).toBe(1);
    const [before] = cs.stores.keys();
    files["/s/index.json"] = "m2";
    const b = fetchSource("/s/");
    await b.get("index.json");
    await b.get("t-1/0.json.gz");
    await settle();
    expect(cs.stores.size).toBe(1);
    expect(cs.stores.has(before as string)).toBe(false);
  });

  test("without Cache Storage, or when it refuses, files are fetched as before; a missing file says which", async () => {
    const { asked, fetchStub } = server({ "/s/index.json": "m1", "/s/p/1.ab.bin.gz": "bucket" });
    vi.stubGlobal("fetch", fetchStub);
    const none = fetchSource("/s/");
    await none.get("index.json");
    expect(await text(await none.get("p/1.ab.bin.gz"))).toBe("bucket");
    vi.stubGlobal("caches", {
      open: async () => {
        throw new Error("denied");
      },
      keys: async () => [],
      delete: async () => false,
    });
    const refused = fetchSource("/s/");
    await refused.get("index.json");
    expect(await text(await refused.get("p/1.ab.bin.gz"))).toBe("bucket");
    expect(asked.filter(([u]) => u === "/s/p/1.ab.bin.gz")).toHaveLength(2);
    await expect(refused.get("p/2.cd.bin.gz")).rejects.toThrow("search index file p/2.cd.bin.gz: HTTP 404");
  });
});
