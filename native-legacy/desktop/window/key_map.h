// Keyboard and gamepad -> the game's input bits, and the program's own keys. Plain numbers in (SDL
// scancodes and SDL_GameController buttons, which follow the USB HID and the SDL numbering), so the
// mapping is tested without SDL. Keyboard: arrows or WASD, Space/Z jump, X/J attack; F5 quick save, F9
// quick load, Esc quit. Gamepad: d-pad or left stick, A jump, X attack.
#pragma once

#include "memory/types.h"

namespace oc::desktop::window {

enum class KeyAction : u8 { None, Left, Right, Up, Down, Jump, Attack, QuickSave, QuickLoad, Quit };

// SDL_Scancode values.
KeyAction action_of_scancode(i32 scancode) noexcept;
// SDL_GameControllerButton values (stick directions come through pad_axes_bits).
KeyAction action_of_pad_button(i32 button) noexcept;

// The input bit of a movement or fight action, 0 for the others.
u32 input_bit(KeyAction action) noexcept;

// The left stick's bits: a direction counts past a third of the range (SDL axes are -32768..32767).
constexpr i32 kStickDeadZone = 10922;
u32 pad_axes_bits(i32 left_x, i32 left_y) noexcept;

// What is held now: a key or button down sets its action's bit until it is released. Several sources
// may hold one action (Left and A, or the d-pad and the stick), so each source is counted.
class InputState {
 public:
  void press(KeyAction action) noexcept;
  void release(KeyAction action) noexcept;
  void set_axes(i32 left_x, i32 left_y) noexcept { axes_ = pad_axes_bits(left_x, left_y); }
  void clear() noexcept;  // focus lost: nothing stays held
  u32 bits() const noexcept;

 private:
  u8 held_[6] = {0, 0, 0, 0, 0, 0};  // per input bit
  u32 axes_ = 0;
};

}  // namespace oc::desktop::window
