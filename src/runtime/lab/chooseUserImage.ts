// The store's side of a user's image: prepared, previewed, or its problem reported.
import { useAppStore } from '../../state/store.ts';
import { errorMessage } from '../../lib/index.ts';
import { prepareUserImage } from './userImage.ts';

/** Prepares a file the user picked, dropped or pasted; a bad file leaves the current image in place. */
export async function chooseUserImage(file: File): Promise<void> {
  const store = useAppStore.getState();
  try {
    const prepared = await prepareUserImage(file);
    const old = store.upload?.previewUrl;
    store.setUpload({ ...prepared, previewUrl: URL.createObjectURL(file) });
    if (old) URL.revokeObjectURL(old);
  } catch (e) {
    store.setUploadError(errorMessage(e));
  }
}
