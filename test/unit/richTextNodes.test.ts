import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { richTextNodeNames } from '../../server/policies/richTextNodes';
import { richTextExtensions } from '../../schemas/richText';

describe("the update guard's list of rich-text nodes", () => {
  it("is exactly the editor schema's nodes but doc and text", () => {
    const fromSchema = Object.keys(getSchema(richTextExtensions()).nodes).filter((name) => name !== 'doc' && name !== 'text');
    expect([...richTextNodeNames()].sort()).toEqual(fromSchema.sort());
  });
});
