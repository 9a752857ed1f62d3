import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadConfig, userManager } from './auth';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
loadConfig()
  .then((config) =>
    root.render(
      // No StrictMode: its doubled effects would redeem the one-time sign-in code twice.
      <App users={userManager(config)} />,
    ),
  )
  .catch((error) => root.render(<p role="alert">The console cannot start: {String(error.message ?? error)}</p>));
