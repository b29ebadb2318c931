/** The file name the API chose (`attachment; filename="…"`), if it said one. */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}

/**
 * Saves a file the API answered (fetched through the generated client with `parseAs: 'blob'`, so with
 * the sign-in and its renewal) under the name the API gave it, else `fallback`. Returns the name.
 */
export function saveDownload(data: unknown, response: Response, fallback: string): string {
  const name = filenameOf(response.headers.get('content-disposition')) ?? fallback;
  const url = URL.createObjectURL(data as Blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
