// Ordinary use of the TypeScript client: types from openapi-typescript, calls through openapi-fetch.
// tests/contract/test_typescript_client.py generates schema.d.ts from /api/schema/, type-checks this file
// with tsc --strict, then runs it with node against a live server: `node client_use.js BASE_URL`.
// It prints one JSON object per line for the test to compare with the database.
import createClient from "openapi-fetch";

import type { components, paths } from "./schema.js";

type Reaction = components["schemas"]["Reaction"];

function emit(kind: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ kind, ...fields }));
}

function describe(reaction: Reaction): Record<string, unknown> {
  // Every field is required in the schema: no `reaction.date?` or `?? undefined` needed.
  return {
    slug: reaction.slug,
    actor: reaction.actor.slug,
    country: reaction.actor.country,
    date: reaction.date,
    precision: reaction.date_precision,
    sources: reaction.citations.map((citation) => citation.source.slug),
  };
}

async function main(baseUrl: string): Promise<void> {
  // JSON answers only: the same operations also answer text/csv (?format=csv), a string.
  const client = createClient<paths, "application/json">({ baseUrl });

  const nicaragua = await client.GET("/api/reactions/", { params: { query: { country: ["NI"] } } });
  if (!nicaragua.data) throw new Error(`expected a page, got ${JSON.stringify(nicaragua.error)}`);
  for (const reaction of nicaragua.data.results) emit("nicaragua", describe(reaction));

  const two = await client.GET("/api/reactions/", {
    params: { query: { actor: ["nicaragua", "honduras"] } },
  });
  if (!two.data) throw new Error("expected a page");
  emit("two_actors", { count: two.data.count, slugs: two.data.results.map((r) => r.slug) });

  async function page(cursor: string) {
    const { data, error } = await client.GET("/api/reactions/", { params: { query: { cursor, page_size: 4 } } });
    if (!data) throw new Error(`expected a page, got ${JSON.stringify(error)}`);
    return data;
  }
  let cursor: string | null = "";
  let pages = 0;
  while (cursor !== null) {
    const data = await page(cursor);
    pages += 1;
    emit("cursor_page", { slugs: data.results.map((r) => r.slug) });
    cursor = data.next === null ? null : new URL(data.next).searchParams.get("cursor");
  }
  emit("cursor_done", { pages });

  const refused = await client.GET("/api/reactions/", { params: { query: { status: "draft" } } });
  if (refused.response.status !== 400 || !refused.error) throw new Error("expected a 400");
  const error = refused.error; // Error | InvalidParameters
  if ("detail" in error && typeof error.detail === "string") throw new Error(error.detail);
  const parameters = Object.keys(error).sort();
  const messages = (error as components["schemas"]["InvalidParameters"])["status"] ?? [];
  emit("refused", { parameters, message: messages[0] });

  const missing = await client.GET("/api/reactions/{slug}/", { params: { path: { slug: "no-such-reaction" } } });
  if (missing.response.status !== 404 || !missing.error || !("detail" in missing.error)) {
    throw new Error("expected a 404");
  }
  emit("not_found", { status: missing.response.status, detail: missing.error.detail });
}

const baseUrl = process.argv[2];
if (!baseUrl) throw new Error("usage: node client_use.js BASE_URL");
await main(baseUrl);
