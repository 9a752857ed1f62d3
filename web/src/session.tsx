import { createContext, useContext } from 'react';
import type { Api } from './api';
import type { Identity } from './access';

export interface Session {
  api: Api;
  identity: Identity;
  signOut: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}
