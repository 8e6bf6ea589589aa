import { z } from "zod";

// product.md, The agent record: avatar (PNG or JPG, at most 8 MB). The type is judged by the file's bytes.
export const AVATAR_MAX_BYTES = 8 * 1024 * 1024;
export const AVATAR_CONTENT_TYPES = ["image/png", "image/jpeg"] as const;
export type AvatarContentType = (typeof AVATAR_CONTENT_TYPES)[number];

export const avatarSchema = z
  .object({ userId: z.uuid(), contentType: z.enum(AVATAR_CONTENT_TYPES), size: z.number().int(), updatedAt: z.iso.datetime() })
  .meta({ id: "Avatar" });
export type Avatar = z.infer<typeof avatarSchema>;

/** PNG or JPEG by magic bytes, whatever the request's content type says; null for anything else. */
export function avatarTypeOf(bytes: Uint8Array): AvatarContentType | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((byte, index) => bytes[index] === byte)) {
    return "image/png";
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return "image/jpeg";
  }
  return null;
}
