import { useId, useState } from 'react';
import { useAppStore } from '../../state/store.ts';
import { selectedModel } from '../../state/modelSlice.ts';
import { deleteSavedModel, downloadModel, saveModel, validModelName } from '../../runtime/models/index.ts';
import { errorMessage } from '../../lib/index.ts';

/** Keep the selected model in this browser under a name, download it, or delete a saved one. */
export function SavedModelActions() {
  const model = useAppStore(selectedModel);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const nameId = useId();
  if (!model) return null;
  const act = async (f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      setMessage({ text: done, error: false });
    } catch (e) {
      setMessage({ text: errorMessage(e), error: true });
    }
  };
  return (
    <details className="saved-models">
      <summary>Save or download this model</summary>
      <label htmlFor={nameId}>Name</label>
      <input id={nameId} type="text" value={name} maxLength={40} placeholder="my robust model" onChange={(e) => setName(e.target.value)} />
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const problem = validModelName(name);
            if (problem) setMessage({ text: problem, error: true });
            else void act(() => saveModel(model.id, name), `Saved in this browser as "${name.trim()}".`);
          }}
        >
          Save in browser
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            const file = (name.trim() || model.id).replace(/[^\w.-]+/g, '-');
            void act(() => downloadModel(model.id, file), `Downloaded ${file}.json and ${file}.weights.bin: "Upload a tfjs model" takes both back.`);
          }}
        >
          Download tfjs files
        </button>
        {model.source === 'saved' && (
          <button type="button" className="secondary" onClick={() => void act(() => deleteSavedModel(model.id), `Deleted ${model.name}.`)}>
            Delete from browser
          </button>
        )}
      </div>
      {message && (
        <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </details>
  );
}
