-- looplint language server configuration for Neovim 0.11+ (see `:help lsp-config`).
--
-- Use it in either of two ways, then put `vim.lsp.enable('looplint')` in your init.lua:
--   * copy this file to ~/.config/nvim/lsp/looplint.lua, or
--   * add the folder that holds this `lsp/` folder to 'runtimepath'.
--
-- `looplint` must be on your PATH (or replace `cmd` with the full path of the executable).
-- Server settings use the same keys as `[tool.looplint]` in pyproject.toml, in camelCase;
-- override them without editing this file:
--   vim.lsp.config('looplint', { init_options = { settings = { ignore = { 'LOOP402' } } } })

---@type vim.lsp.Config
return {
  cmd = { 'looplint', 'server' },
  filetypes = { 'python' },
  root_markers = { 'pyproject.toml', 'setup.py', 'setup.cfg', '.git' },
  init_options = { settings = {} },
}
