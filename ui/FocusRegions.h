#pragma once

#include <QList>

class QWidget;

namespace oauth2dbg::FocusRegions {

// Tab walks the window's regions in the order a user reads them (the toolbar, the profiles, the timeline, the
// step, the lower tabs) whatever order their widgets were made in: a Tab that would leave `regions[i]` for
// any but the next region goes to the first control of the next one (Shift+Tab: the last of the one before).
// Returns false when the focus is in none of them, for the window's own handling.
bool moveFocus(QWidget* window, const QList<QWidget*>& regions, bool next);

} // namespace oauth2dbg::FocusRegions
