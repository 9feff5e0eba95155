// Types for Vite's import suffixes (`?url`) used by the lab.
/// <reference types="vite/client" />
