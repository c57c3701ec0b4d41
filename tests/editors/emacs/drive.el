;;; drive.el --- drive batch Emacs + Eglot through one looplint scenario  -*- lexical-binding: t -*-

;; Acts like a user and reports what the user would see as JSON lines on stdout; the pytest
;; test judges them.  Load it after the user's init file, naming the file to visit:
;;   emacs --batch -l init.el -l drive.el FILE.py
;; Environment:
;;   LOOPLINT_ACTION             "quickfix" (M-x eglot-code-actions, take the default, save)
;;                               or "save" (just save, so on-save fixes run, then save again)
;;   LOOPLINT_EXPECTED_FINDINGS  how many diagnostics to wait for before acting
;;   LOOPLINT_WAIT_MS            the longest any single wait may take

;;; Code:

(require 'cl-lib)
(require 'json)
(require 'eglot)

(defvar drive-action (getenv "LOOPLINT_ACTION"))
(defvar drive-expected-findings (string-to-number (getenv "LOOPLINT_EXPECTED_FINDINGS")))
(defvar drive-wait-seconds (/ (string-to-number (or (getenv "LOOPLINT_WAIT_MS") "8000")) 1000.0))
(defvar drive-started-at (float-time))

(defun drive-report (event &rest fields)
  "Write EVENT with the plist FIELDS as one JSON line on stdout."
  (princ (concat (json-encode
                  `(:event ,event
                    :ms ,(round (* 1000 (- (float-time) drive-started-at)))
                    ,@fields))
                 "\n")))

(defun drive-simulate-command ()
  "Run the hooks the command loop runs around each command; batch Emacs has no command loop."
  (run-hooks 'pre-command-hook)
  (run-hooks 'post-command-hook))

(defun drive-wait-for (what condition)
  "Process events until CONDITION holds; report a timeout naming WHAT."
  (let ((deadline (+ (float-time) drive-wait-seconds)))
    (while (and (not (funcall condition)) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    (or (funcall condition)
        (progn (drive-report "timeout" :waiting_for what) nil))))

(defun drive-diagnostics ()
  "Flymake's diagnostics as the buffer shows them: 0-based lines, columns in characters."
  (vconcat
   (mapcar (lambda (diagnostic)
             (let ((beg (flymake-diagnostic-beg diagnostic))
                   (end (flymake-diagnostic-end diagnostic))
                   (lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data diagnostic)))))
               (list :line (1- (line-number-at-pos beg))
                     :column (- beg (save-excursion (goto-char beg) (line-beginning-position)))
                     :end_column (- end (save-excursion (goto-char end) (line-beginning-position)))
                     :type (symbol-name (flymake-diagnostic-type diagnostic))
                     :code (plist-get lsp :code)
                     :lsp_range (plist-get lsp :range)
                     :text (flymake-diagnostic-text diagnostic))))
           (sort (flymake-diagnostics)
                 (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))

(defun drive-choose-default (_prompt collection &optional _predicate _require-match
                                     _initial-input _history default &rest _)
  "Stand in for the user at Eglot's code action menu: record COLLECTION, take DEFAULT."
  (drive-report "code_action_menu" :titles (vconcat (mapcar #'car collection)) :chosen default)
  default)

(defun drive-quick-fix (diagnostic)
  "Put point on DIAGNOSTIC and run `eglot-code-actions' as the command it is."
  (goto-char (point-min))
  (forward-line (plist-get diagnostic :line))
  (forward-char (plist-get diagnostic :column))
  (let ((line-before (thing-at-point 'line t))
        (last-nonmenu-event ?\r))       ; the command came from the keyboard, not a mouse menu
    (cl-letf (((symbol-function 'completing-read) #'drive-choose-default))
      (call-interactively #'eglot-code-actions))
    (drive-wait-for "the quick fix to change the line"
                    (lambda () (not (equal (thing-at-point 'line t) line-before))))
    (drive-report "quick_fix" :line (string-trim-right (thing-at-point 'line t)))))

(defvar drive-messages nil "The messages shown while the driver saves, newest first.")

(defun drive-record-message (format-string &rest args)
  "Keep the message FORMAT-STRING and ARGS would show."
  (when format-string
    (push (apply #'format-message format-string args) drive-messages)))

(defun drive-save ()
  "Save as the user would after typing; return the messages shown meanwhile."
  (setq drive-messages nil)
  (set-buffer-modified-p t)             ; Emacs saves only a changed buffer
  (advice-add 'message :before #'drive-record-message)
  (unwind-protect (save-buffer)
    (advice-remove 'message #'drive-record-message))
  (vconcat (reverse drive-messages)))

(cl-defun drive-run (file)
  "Visit FILE, wait for looplint's diagnostics, act, save, and report."
  (find-file file)
  (drive-simulate-command)              ; `eglot-ensure' connects from `post-command-hook'
  (unless (drive-wait-for "looplint to attach" #'eglot-managed-p)
    (cl-return-from drive-run))
  (let ((server (eglot-current-server)))
    (drive-report "attached"
                  :emacs emacs-version
                  :command (vconcat (process-command (jsonrpc--process server)))
                  :position_encoding (plist-get (eglot--capabilities server) :positionEncoding)))
  (drive-simulate-command)              ; flymake starts its checks from the command loop too
  (drive-wait-for (format "%d diagnostics" drive-expected-findings)
                  (lambda () (>= (length (flymake-diagnostics)) drive-expected-findings)))
  (let ((found (drive-diagnostics)))
    (drive-report "diagnostics" :items found)
    (when (and (equal drive-action "quickfix") (> (length found) 0))
      (drive-quick-fix (aref found 0))))
  (let ((messages (drive-save)))
    (drive-wait-for "the diagnostics to clear" (lambda () (null (flymake-diagnostics))))
    (drive-report "after_save" :diagnostics (drive-diagnostics) :messages messages
                  :modified (if (buffer-modified-p) t :json-false)))
  (when (equal drive-action "save")
    (drive-report "second_save" :messages (drive-save))))

(let ((file (expand-file-name (pop command-line-args-left))))
  (condition-case err
      (drive-run file)
    (error (drive-report "error" :message (format "%S" err))))
  (drive-report "done")
  (kill-emacs 0))

;;; drive.el ends here
