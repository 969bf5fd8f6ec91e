import { useState } from 'react';
import { problemMessage } from '../api';
import { DownloadIcon } from '../components/Icons';
import { downloadListCsv } from './downloads';
import { pluralNoun, type DocumentType, type Sort } from './kinds';
import './ExportCsvButton.css';

type ExportState = { busy: boolean; error?: string; done?: boolean };

/** "Export CSV" on a list page: the whole list, with the filters it has on screen (status tab, number search, sort), as a file. */
export function ExportCsvButton({ type, status, sort, q }: { type: DocumentType; status: string; sort: Sort; q: string }) {
  const [state, setState] = useState<ExportState>({ busy: false });
  async function go() {
    setState({ busy: true });
    try {
      await downloadListCsv(type, status, sort, q);
      setState({ busy: false, done: true });
    } catch (err) {
      setState({ busy: false, error: problemMessage(err) });
    }
  }
  return (
    <div className="export-csv">
      <button
        type="button"
        className="btn btn-secondary export-csv-button"
        onClick={() => void go()}
        disabled={state.busy}
        aria-describedby={`${type}-export-note`}
      >
        <DownloadIcon /> {state.busy ? 'Exporting…' : 'Export CSV'}
      </button>
      <span id={`${type}-export-note`} className="visually-hidden">
        Downloads every {pluralNoun(type)} of this list, with its filters, as a spreadsheet file
      </span>
      <span role="status" className="export-csv-status">
        {state.error ? <span className="inline-error">The export failed: {state.error}</span> : state.done ? 'CSV downloaded.' : null}
      </span>
    </div>
  );
}
