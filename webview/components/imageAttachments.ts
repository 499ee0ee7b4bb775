/**
 * Images pasted or dropped into the composer, as image attachments (data: URLs). Only `image/*`
 * files are taken, each up to {@link MAX_IMAGE_BYTES}; anything else is reported back so the
 * composer can say why it was not attached.
 */
import type { Attachment } from "../../protocol/webview/messages";

/** The largest image attached (its data: URL stays well under the host's 20 MB message cap). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** The most images one paste or drop attaches. */
export const MAX_IMAGES_AT_ONCE = 10;

export type ImageAttachment = Extract<Attachment, { kind: "image" }>;

export interface ImageProblem {
  name: string;
  reason: "tooLarge" | "unreadable" | "tooMany";
}

export interface ImageResult {
  images: ImageAttachment[];
  problems: ImageProblem[];
}

/** The image files among `files` (a paste can also carry text, a drop other files). */
export function imageFiles(files: ArrayLike<File> | null | undefined): File[] {
  return Array.from(files ?? []).filter((file) => file.type.startsWith("image/"));
}

/** A name for an image; pasted screenshots come as `image.png`, which is kept. */
export function imageName(file: File, index: number): string {
  const name = file.name.trim();
  if (name) return name.slice(0, 256);
  const extension = file.type.slice("image/".length).replace(/[^a-z0-9.+-]/gi, "") || "png";
  return `image-${index + 1}.${extension}`;
}

function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      typeof reader.result === "string" ? resolve(reader.result) : reject(new Error("no data"));
    reader.onerror = () => reject(reader.error ?? new Error("unreadable"));
    reader.readAsDataURL(file);
  });
}

/** Reads `files` (already filtered to images) into attachments, with what was refused and why. */
export async function readImages(files: readonly File[]): Promise<ImageResult> {
  const result: ImageResult = { images: [], problems: [] };
  for (const [index, file] of files.entries()) {
    const name = imageName(file, index);
    if (index >= MAX_IMAGES_AT_ONCE) {
      result.problems.push({ name, reason: "tooMany" });
      continue;
    }
    if (file.size > MAX_IMAGE_BYTES) {
      result.problems.push({ name, reason: "tooLarge" });
      continue;
    }
    try {
      const dataUrl = await readDataUrl(file);
      if (!dataUrl.startsWith("data:image/")) throw new Error("not an image");
      result.images.push({ kind: "image", name, dataUrl });
    } catch {
      result.problems.push({ name, reason: "unreadable" });
    }
  }
  return result;
}
