import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNEL, type AyilBridge } from '../core/contract/bridge';

// The page gets the API call and nothing else of Electron or Node.
const bridge = {
  call: (method, input, token) => ipcRenderer.invoke(IPC_CHANNEL, method, input, token),
} satisfies AyilBridge;

contextBridge.exposeInMainWorld('ayil', bridge);
