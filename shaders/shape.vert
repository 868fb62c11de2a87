#version 330 core
// Overlay shapes (outlines, control points): triangles in window pixels, origin top-left, one colour a vertex.
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec4 a_colour;
uniform vec2 u_window;
out vec4 v_colour;

void main() {
    v_colour = a_colour;
    gl_Position = vec4(a_position.x / u_window.x * 2.0 - 1.0, 1.0 - a_position.y / u_window.y * 2.0, 0.0, 1.0);
}
