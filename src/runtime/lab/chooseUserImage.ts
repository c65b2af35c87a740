// The store's side of a user's image: prepared, previewed, or its problem reported.
import { useAppStore } from '../../state/store.ts';
import { JOBS } from '../jobs/index.ts';
import { prepareUserImage } from './userImage.ts';

/**
 * Prepares a file the user picked, dropped or pasted; a bad file leaves the current image in place. The newest file
 * wins: one chosen while an earlier one still decodes replaces it, and the earlier one's image or problem never shows.
 */
export function chooseUserImage(file: File): Promise<void> {
  return JOBS.userImage.run({
    work: () => prepareUserImage(file),
    done: (prepared) => {
      const store = useAppStore.getState();
      const old = store.upload?.previewUrl;
      store.setUpload({ ...prepared, previewUrl: URL.createObjectURL(file) });
      if (old) URL.revokeObjectURL(old);
    },
    failed: (message) => useAppStore.getState().setUploadError(message),
  });
}
