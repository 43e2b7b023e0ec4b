/** "Fill typical ranges": every empty range of the selected scenario gets the app's typical, illustrative one, as one undoable change. */
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';

export function FillTypicalRanges({ secondary = false }: { secondary?: boolean }) {
  const { scenarioId, mutate, notify } = useAppState();
  const fill = async () => {
    if (scenarioId === null) return;
    try {
      const { filled } = await mutate(() => call('ranges/fill-typical', { scenarioId }));
      notify(
        'info',
        filled === 0
          ? 'Every input that can have a range already has one: nothing was filled.'
          : `Filled ${filled} typical ranges, marked illustrative with their rule in Assumptions. Undo (Ctrl+Z) removes them all.`,
      );
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  return (
    <button
      type="button"
      className={secondary ? 'button button-secondary' : 'button'}
      title="Gives every uncertain input without a range a typical low and high value, marked illustrative, with its rule as the source"
      onClick={() => void fill()}
    >
      Fill typical ranges
    </button>
  );
}
