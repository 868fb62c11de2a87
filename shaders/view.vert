#version 330 core
// A screen-space rectangle: u_rect is (x, y, width, height) in window pixels, origin top-left.
uniform vec4 u_rect;
uniform vec2 u_window;
uniform int u_mirror;  // 1: the texture is drawn left-right swapped
uniform vec2 u_part;   // the share of the texture's storage, across and down, that its picture fills
out vec2 v_uv;         // where in the texture
out vec2 v_corner;     // where in the rectangle, 0 to 1 each way

// Two triangles that wind alike and share their corners exactly, which Mesa's llvmpipe takes for a
// rectangle (a strip it takes so only with the first vertex provoking).
const vec2 corners[6] = vec2[6](vec2(0, 0), vec2(1, 0), vec2(0, 1), vec2(0, 1), vec2(1, 0), vec2(1, 1));

void main() {
    vec2 corner = corners[gl_VertexID];
    vec2 pixel = u_rect.xy + corner * u_rect.zw;
    v_corner = corner;
    v_uv = vec2(u_mirror != 0 ? 1.0 - corner.x : corner.x, corner.y) * u_part;
    gl_Position = vec4(pixel.x / u_window.x * 2.0 - 1.0, 1.0 - pixel.y / u_window.y * 2.0, 0.0, 1.0);
}
