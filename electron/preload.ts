import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_CHANNELS, EVENT_CHANNELS, IPC_CHANNEL, type AyilDesktopBridge } from '../core/contract/bridge';
import { subscribeOverIpc } from './event-subscriber';

// The page gets the API call and the desktop's few additions, and nothing else of Electron or Node.
const bridge = {
  call: (method, input, token) => ipcRenderer.invoke(IPC_CHANNEL, method, input, token),
  subscribe: subscribeOverIpc(ipcRenderer, EVENT_CHANNELS),
  systemIdleSeconds: () => ipcRenderer.invoke(DESKTOP_CHANNELS.systemIdleSeconds),
  printCertificate: () => ipcRenderer.invoke(DESKTOP_CHANNELS.printCertificate),
  sticks: () => ipcRenderer.invoke(DESKTOP_CHANNELS.sticks),
  saveCertificatePdf: (stickId, code) => ipcRenderer.invoke(DESKTOP_CHANNELS.saveCertificatePdf, stickId, code),
} satisfies AyilDesktopBridge;

contextBridge.exposeInMainWorld('ayil', bridge);
