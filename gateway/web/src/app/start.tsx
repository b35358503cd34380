// The app proper, loaded by main.tsx.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "../index.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
